package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.tests.support.CliProcess;
import org.wasmbpf.tests.support.KernelObjects;
import org.wasmbpf.tests.support.Repo;

/** The bootstrap examples (C and Java) through {@code wasm-bpf run}, watching processes this test spawns. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BootstrapCliTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration EVENT = Duration.ofSeconds(10);
    private static final long MY_PID = ProcessHandle.current().pid();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{1} guest on {0}")
    @CsvSource({"chicory, c", "wasmtime, c", "chicory, java", "wasmtime, java"})
    void printsExecAndExitOfSpawnedProcesses(String engine, String language) throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        try (CliProcess cli = CliProcess.run(engine, Repo.example(language, "bootstrap"))) {
            cli.awaitLine(l -> l.matches("TIME +EVENT +COMM +PID +PPID +FILENAME/EXIT CODE"), START);

            long shPid = spawnAndWait(7, "sh", "-c", "exit 7");
            // The JDK starts children through jspawnhelper: the same pid execs twice.
            Event exec = Event.parse(cli.awaitLine(l -> Event.is(l, "EXEC", shPid) && l.endsWith("/sh"), EVENT));
            assertEquals("sh", exec.comm());
            assertEquals(MY_PID, exec.ppid(), "the parent of the spawned shell is this JVM");
            assertTrue(exec.rest().endsWith("/sh"), "filename of the exec'd shell: " + exec.rest());
            Event exit = Event.parse(cli.awaitLine(l -> Event.is(l, "EXIT", shPid), EVENT));
            assertTrue(exit.rest().matches("\\[7\\]( \\(\\d+ms\\))?"), "exit code 7 in brackets: " + exit.rest());

            Path known = knownExecutable();
            long knownPid = spawnAndWait(0, known.toString(), "0.3");
            Event knownExec = Event.parse(cli.awaitLine(l -> Event.is(l, "EXEC", knownPid) && l.endsWith(known.toString()), EVENT));
            assertEquals(known.getFileName().toString(), knownExec.comm());
            assertEquals(known.toString(), knownExec.rest());
            Event knownExit = Event.parse(cli.awaitLine(l -> Event.is(l, "EXIT", knownPid), EVENT));
            assertTrue(knownExit.rest().startsWith("[0] ("), "exit code and duration: " + knownExit.rest());
            assertTrue(knownExit.durationMs() >= 300, "slept 0.3 s: " + knownExit.rest());

            cli.signal("INT");
            assertEquals(0, cli.waitFor(Duration.ofSeconds(15)), cli.transcript());
        }
        assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
    }

    @ParameterizedTest(name = "{1} guest on {0}")
    @CsvSource({"chicory, c", "wasmtime, c", "chicory, java", "wasmtime, java"})
    void minimumDurationFiltersShortProcessesOut(String engine, String language) throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        try (CliProcess cli = CliProcess.run(engine, Repo.example(language, "bootstrap"), "-d", "200")) {
            cli.awaitLine(l -> l.startsWith("TIME "), START);
            long shortPid = spawnAndWait(3, "sh", "-c", "exit 3");
            long longPid = spawnAndWait(0, knownExecutable().toString(), "0.4");
            Event exit = Event.parse(cli.awaitLine(l -> Event.is(l, "EXIT", longPid), EVENT));
            assertTrue(exit.durationMs() >= 400, exit.rest());
            assertTrue(cli.find(l -> Event.is(l, "EXIT", shortPid)).isEmpty(), "short process shown:\n" + cli.transcript());
            assertTrue(cli.find(l -> l.contains(" EXEC ")).isEmpty(), "with -d no EXEC events are shown");
            cli.signal("TERM");
            assertEquals(0, cli.waitFor(Duration.ofSeconds(15)), cli.transcript());
        }
        assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
    }

    @Test
    void decodesTheSameFieldsOnceTheKernelTypesItNeedsAreCached() throws Exception {
        Path cache = tmp.resolve("cache");
        Path wasm = Repo.cExample("bootstrap");
        KernelObjects before = KernelObjects.snapshot();
        for (int run = 1; run <= 2; run++) {
            try (CliProcess cli = CliProcess.start("run", "--cache-dir", cache.toString(), wasm.toString())) {
                cli.awaitLine(l -> l.startsWith("TIME "), START);
                long shPid = spawnAndWait(5, "sh", "-c", "exit 5");
                Event exec = Event.parse(cli.awaitLine(l -> Event.is(l, "EXEC", shPid) && l.endsWith("/sh"), EVENT));
                assertEquals(MY_PID, exec.ppid(), "run " + run + ": task->real_parent->tgid");
                Event exit = Event.parse(cli.awaitLine(l -> Event.is(l, "EXIT", shPid), EVENT));
                assertTrue(exit.rest().startsWith("[5]"), "run " + run + ": task->exit_code >> 8: " + exit.rest());
                if (run == 1) {
                    awaitMinimalBtf(cache.resolve("btf"));
                }
                cli.signal("INT");
                assertEquals(0, cli.waitFor(Duration.ofSeconds(15)), cli.transcript());
            }
        }
        assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
    }

    /** The first run has the minimal BTF of bootstrap's object made in the background. */
    private static void awaitMinimalBtf(Path btfDir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(btfDir)) {
                try (var files = Files.walk(btfDir)) {
                    if (files.anyMatch(f -> f.toString().endsWith(".btf"))) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no minimal BTF under " + btfDir + " within 60 s");
    }

    /** A copy of sleep(1) under a name no other process on the machine has. */
    private Path knownExecutable() throws Exception {
        Path exe = tmp.resolve("wbpf-known-exe");
        if (!Files.exists(exe)) {
            Files.copy(Path.of("/bin/sleep"), exe, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return exe;
    }

    private static long spawnAndWait(int expectedExit, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "spawned process did not end");
        assertEquals(expectedExit, p.exitValue(), "exit code of " + String.join(" ", cmd));
        return p.pid();
    }

    /** One line of bootstrap's output: TIME EVENT COMM PID PPID FILENAME/EXIT CODE. */
    record Event(String event, String comm, long pid, long ppid, String rest) {
        static boolean is(String line, String event, long pid) {
            String[] f = line.trim().split(" +", 6);
            return f.length >= 6 && f[1].equals(event) && f[3].equals(Long.toString(pid));
        }

        static Event parse(String line) {
            String[] f = line.trim().split(" +", 6);
            return new Event(f[1], f[2], Long.parseLong(f[3]), Long.parseLong(f[4]), f[5]);
        }

        long durationMs() {
            var m = java.util.regex.Pattern.compile("\\((\\d+)ms\\)").matcher(rest);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }
    }
}
