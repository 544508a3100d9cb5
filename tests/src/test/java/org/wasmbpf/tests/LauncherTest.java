package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.tests.support.CliProcess;
import org.wasmbpf.tests.support.KernelObjects;
import org.wasmbpf.tests.support.Repo;

/**
 * The README's first command, {@code ./wasm-bpf run examples-c/target/bootstrap.wasm}: the
 * launcher records a JVM class cache without a word in the tool's output on the first run that
 * finds the tool's own caches full (the second, on a fresh machine), and the next run starts with
 * that cache. Another module gets a cache of its own; a failed run records
 * none; a cache the JVM refuses is named on stderr (never stdout) and replaced by the next run,
 * and the directory keeps the newest sixteen. A collector given in WASM_BPF_JAVA_OPTS
 * replaces the launcher's serial one. Huge pages are asked for where the kernel offers them.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LauncherTest {
    private static final Duration LINE = Duration.ofSeconds(60);

    @Test
    void theFirstRunWithFullToolCachesRecordsAClassCacheSilentlyAndTheNextUsesIt(@TempDir Path cacheHome) throws Exception {
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cacheHome.toString());
        Path jvmCache = cacheHome.resolve("wasm-bpf/jvm");

        // The very first run compiles the module and makes its object's kernel BTF, which later
        // runs only read: its recording would miss their classes, so it is dropped, once.
        runBootstrapOnce(env);
        assertEquals(List.of(), cachesIn(jvmCache), "no class cache from a run that filled the tool's caches");
        try (Stream<Path> files = Files.list(jvmCache)) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".cold")).count(), "the dropped recording is marked");
        }

        List<String> first = runBootstrapOnce(env);
        assertTrue(first.stream().allMatch(l -> l.startsWith("TIME ") || l.contains(" EXEC ") || l.contains(" EXIT ")),
                "only bootstrap's own lines on stdout: " + first);
        Path cache = awaitCaches(jvmCache, 1).get(0);

        try (CliProcess second = CliProcess.launch(env, "run", Repo.cExample("bootstrap").toString())) {
            second.awaitLine(l -> l.startsWith("TIME "), LINE);
            String cmdline = Files.readString(Path.of("/proc/" + second.pid() + "/cmdline")).replace('\0', ' ');
            assertTrue(cmdline.contains("=" + cache), "the second run starts with " + cache + ": " + cmdline);
            second.signal("INT");
            assertEquals(0, second.waitFor(LINE), second.transcript());
            assertEquals(List.of(), second.stderr(), "the JVM took the cache without a word");
        }

        for (int run = 1; run <= 2; run++) { // runqlat's first run fills the tool's caches for it
            try (CliProcess other = CliProcess.launch(env, "run", Repo.cExample("runqlat").toString(), "1", "1")) {
                assertEquals(0, other.waitFor(LINE), other.transcript());
            }
        }
        List<Path> caches = awaitCaches(jvmCache, 2);
        assertTrue(caches.contains(cache), "bootstrap's cache stays beside runqlat's: " + caches);

        // A --low-latency JVM has C1 only, so it records no C2 profiles: its cache is its own.
        try (CliProcess lowLatency = CliProcess.launch(env, "run", "--low-latency", Repo.cExample("runqlat").toString(), "1", "1")) {
            assertEquals(0, lowLatency.waitFor(LINE), lowLatency.transcript());
        }
        List<Path> all = awaitCaches(jvmCache, 3);
        assertTrue(all.containsAll(caches), "the default runs' caches stay: " + all);
        assertEquals(1, all.stream().filter(f -> f.getFileName().toString().contains("-chicory-lowlat-mod")).count(),
                "a cache of the low-latency run's own: " + all);
    }

    @Test
    void aFailedRunLeavesNoCacheBehind(@TempDir Path cacheHome) throws Exception {
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cacheHome.toString());
        try (CliProcess bad = CliProcess.launch(env, "run", "--no-such-option", Repo.cExample("bootstrap").toString())) {
            assertEquals(2, bad.waitFor(LINE), bad.transcript());
        }
        Path jvmCache = cacheHome.resolve("wasm-bpf/jvm");
        try (Stream<Path> files = Files.list(jvmCache)) {
            List<String> left = files.map(f -> f.getFileName().toString()).filter(f -> !f.startsWith("jar-")).toList();
            assertEquals(List.of(), left, "a usage error's run trains no cache");
        }
    }

    @Test
    void aCacheTheJvmRefusesIsReportedOnStderrAndTheRunGoesOn(@TempDir Path cacheHome) throws Exception {
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cacheHome.toString());
        String runqlat = Repo.cExample("runqlat").toString();
        for (int run = 1; run <= 2; run++) { // the first fills the tool's caches and records nothing
            try (CliProcess first = CliProcess.launch(env, "run", runqlat, "1", "1")) {
                assertEquals(0, first.waitFor(LINE), first.transcript());
            }
        }
        Path cache = awaitCaches(cacheHome.resolve("wasm-bpf/jvm"), 1).get(0);
        Files.writeString(cache, "not a class cache\n".repeat(100));

        KernelObjects before = KernelObjects.snapshot();
        try (CliProcess run = CliProcess.launch(env, "run", runqlat, "1", "1")) {
            assertEquals(0, run.waitFor(LINE), "the run goes on without the cache: " + run.transcript());
            assertTrue(run.stdout().stream().noneMatch(l -> l.contains(cache.getFileName().toString()) || l.contains("AOT")
                    || l.contains("shared archive")), "the JVM's complaint stays out of the tool's output: " + run.stdout());
            assertTrue(run.stdout().stream().anyMatch(l -> l.contains("usecs")), "runqlat's histogram: " + run.stdout());
            assertTrue(run.stderr().contains("wasm-bpf: the JVM could not use its class cache " + cache
                    + "; removed, the next run records a new one"), "one line names the refused cache: " + run.stderr());
        }
        assertFalse(Files.exists(cache), "the refused cache is gone");
        assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
        try (CliProcess next = CliProcess.launch(env, "run", runqlat, "1", "1")) {
            assertEquals(0, next.waitFor(LINE), next.transcript());
        }
        Path recorded = awaitCaches(cacheHome.resolve("wasm-bpf/jvm"), 1).get(0);
        assertTrue(Files.size(recorded) > 100_000, "the next run records a new cache: " + recorded);
    }

    @Test
    void recordingACacheKeepsTheNewestSixteen(@TempDir Path cacheHome) throws Exception {
        Path jvmCache = Files.createDirectories(cacheHome.resolve("wasm-bpf/jvm"));
        List<Path> older = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // caches of some other jar and module, from 100 minutes ago up to 81
            Path f = Files.writeString(jvmCache.resolve("wasm-bpf-other" + i + "-jdk1-25-chicory-mod1.aot"), "x");
            Files.setLastModifiedTime(f, FileTime.fromMillis(
                    System.currentTimeMillis() - (100 - i) * 60_000L));
            older.add(f);
        }
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cacheHome.toString());
        for (int run = 1; run <= 2; run++) { // the first fills the tool's caches and records nothing
            try (CliProcess r = CliProcess.launch(env, "run", Repo.cExample("runqlat").toString(), "1", "1")) {
                assertEquals(0, r.waitFor(LINE), r.transcript());
            }
        }
        List<Path> caches = awaitCaches(jvmCache, 16);
        assertTrue(caches.containsAll(older.subList(5, 20)), "the 15 newest stay beside the new one: " + caches);
    }

    @Test
    void aRewrittenModuleLeavesItsEarlierCachesOfEveryRunKind(@TempDir Path cacheHome, @TempDir Path work) throws Exception {
        Path module = Files.copy(Repo.cExample("runqlat"), work.resolve("runqlat.wasm"));
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cacheHome.toString());
        Path jvmCache = cacheHome.resolve("wasm-bpf/jvm");
        for (int run = 1; run <= 2; run++) { // the first fills the tool's caches and records nothing
            runRunqlat(env, module);
        }
        Path before = awaitCaches(jvmCache, 1).get(0);
        // What a --low-latency run of the module as it was would have left beside it.
        Path lowLatencyBefore = Files.writeString(
                before.resolveSibling(before.getFileName().toString().replace("-chicory-mod", "-chicory-lowlat-mod")), "x");

        // The same file written anew: the launcher keys it by device, inode, size and both times.
        Files.setLastModifiedTime(module, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        runRunqlat(env, module);
        Path after = awaitCaches(jvmCache, 1).get(0);
        assertFalse(after.equals(before) || Files.exists(lowLatencyBefore),
                "the earlier file's caches went, of both run kinds: " + after + ", " + lowLatencyBefore);
    }

    private static void runRunqlat(Map<String, String> env, Path module) throws Exception {
        try (CliProcess r = CliProcess.launch(env, "run", module.toString(), "1", "1")) {
            assertEquals(0, r.waitFor(LINE), r.transcript());
        }
    }

    @Test
    void aCollectorNamedInTheJavaOptionsReplacesTheLaunchersOwn(@TempDir Path cacheHome) throws Exception {
        try (CliProcess shown = CliProcess.launch(Map.of("WASM_BPF_PRINT_JAVA", "1"))) {
            assertEquals(0, shown.waitFor(LINE), shown.transcript());
            assertTrue(shown.stdout().contains("-XX:+UseSerialGC"), "the serial collector by default: " + shown.stdout());
        }
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cacheHome.toString(), "WASM_BPF_JAVA_OPTS", "-XX:+UseG1GC");
        try (CliProcess run = CliProcess.launch(env, "run", Repo.cExample("runqlat").toString(), "1", "1")) {
            assertEquals(0, run.waitFor(LINE), "the JVM starts with G1 alone: " + run.transcript());
        }
    }

    @Test
    void lowLatencyRunsAtTheJitsUsualThresholdsInC1OnlyWithTheJitNiced() throws Exception {
        try (CliProcess shown = CliProcess.launch(Map.of("WASM_BPF_PRINT_JAVA", "1"), "run", "m.wasm")) {
            assertEquals(0, shown.waitFor(LINE), shown.transcript());
            assertTrue(shown.stdout().contains("-XX:CompileThresholdScaling=8"), "start-up first: " + shown.stdout());
            assertFalse(shown.stdout().contains("-XX:CompileThresholdScaling=1"), shown.stdout().toString());
            assertFalse(shown.stdout().contains("-XX:CompilerThreadPriority=19"), shown.stdout().toString());
            assertFalse(shown.stdout().contains("-XX:TieredStopAtLevel=1"), "C2 by default: " + shown.stdout());
        }
        try (CliProcess shown = CliProcess.launch(Map.of("WASM_BPF_PRINT_JAVA", "1"), "run", "--low-latency", "m.wasm")) {
            assertEquals(0, shown.waitFor(LINE), shown.transcript());
            List<String> lines = shown.stdout();
            assertTrue(lines.indexOf("-XX:CompileThresholdScaling=1") > lines.indexOf("-XX:CompileThresholdScaling=8"),
                    "the later option wins: " + lines);
            assertTrue(lines.contains("-XX:TieredStopAtLevel=1"), "C1 only: " + lines);
            // The tests run as root (they load BPF programs), where the JIT's threads may be niced.
            assertTrue(lines.contains("-XX:ThreadPriorityPolicy=1") && lines.contains("-XX:CompilerThreadPriority=19"),
                    "the JIT yields to the guest's thread: " + lines);
        }
        Path module = Files.createTempFile("launcher", ".wasm");
        try (CliProcess shown = CliProcess.launch(Map.of("WASM_BPF_PRINT_JAVA", "1"), "run", module.toString(),
                "--low-latency")) {
            assertEquals(0, shown.waitFor(LINE), shown.transcript());
            assertFalse(shown.stdout().contains("-XX:CompileThresholdScaling=1"),
                    "a guest argument spelled --low-latency is the guest's: " + shown.stdout());
        } finally {
            Files.delete(module);
        }
    }

    @Test
    void hugePagesWhereTheKernelOffersThemKeepingTheUsersGlibcTunables() throws Exception {
        String thp = Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"));
        boolean offered = thp.contains("[always]") || thp.contains("[madvise]");
        try (CliProcess shown = CliProcess.launch(Map.of("WASM_BPF_PRINT_JAVA", "1",
                "GLIBC_TUNABLES", "glibc.malloc.check=0"))) {
            assertEquals(0, shown.waitFor(LINE), shown.transcript());
            List<String> lines = shown.stdout();
            assertEquals(offered, lines.contains("-XX:+UseTransparentHugePages"), "THP is " + thp + ": " + lines);
            assertEquals(offered, lines.contains("GLIBC_TUNABLES=glibc.malloc.check=0:glibc.malloc.hugetlb=1"),
                    "the user's tunables, then malloc's huge pages: " + lines);
        }
    }

    /** One bootstrap run through the launcher that sees one exit; returns its stdout. */
    private static List<String> runBootstrapOnce(Map<String, String> env) throws Exception {
        try (CliProcess run = CliProcess.launch(env, "run", Repo.cExample("bootstrap").toString())) {
            run.awaitLine(l -> l.startsWith("TIME "), LINE);
            Process p = new ProcessBuilder("sh", "-c", "exit 3").start();
            assertEquals(3, p.waitFor());
            run.awaitLine(l -> l.contains(" EXIT ") && l.contains(" " + p.pid() + " "), LINE);
            run.signal("INT");
            assertEquals(0, run.waitFor(LINE), run.transcript());
            assertEquals(List.of(), run.stderr(), "nothing on stderr");
            return run.stdout();
        }
    }

    /** The class caches in {@code dir}: AOT caches (JDK 25+) or AppCDS archives. */
    private static List<Path> cachesIn(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".aot") || f.toString().endsWith(".jsa")).toList();
        }
    }

    /** The caches of this jar and JDK once there are {@code n}. */
    private static List<Path> awaitCaches(Path dir, int n) throws Exception {
        long deadline = System.nanoTime() + LINE.toNanos();
        List<Path> caches = List.of();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir)) {
                caches = cachesIn(dir);
                if (caches.size() >= n) {
                    assertEquals(n, caches.size(), "one cache per module: " + caches);
                    return caches;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(n + " class caches expected in " + dir + " a minute after the run, found " + caches);
    }
}
