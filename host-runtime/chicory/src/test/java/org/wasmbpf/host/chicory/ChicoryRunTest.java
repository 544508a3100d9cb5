package org.wasmbpf.host.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Guests that behave: arguments, output, sleeping, exit codes, in both execution modes. */
class ChicoryRunTest {
    /** Whether two cache entries hold the same module and the same classes (their dates aside). */
    private static boolean sameClasses(byte[] entryA, byte[] entryB) throws IOException {
        Map<String, byte[]> a = classes(entryA);
        Map<String, byte[]> b = classes(entryB);
        return !a.isEmpty() && a.keySet().equals(b.keySet())
                && a.keySet().stream().allMatch(k -> Arrays.equals(a.get(k), b.get(k)));
    }

    /** The module (under "module") and the class files of a cache entry. */
    private static Map<String, byte[]> classes(byte[] entry) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(entry);
        int classesAt = Integer.BYTES + in.getInt();
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("module", Arrays.copyOfRange(entry, Integer.BYTES, classesAt));
        try (ZipInputStream zip = new ZipInputStream(
                new ByteArrayInputStream(entry, classesAt, entry.length - classesAt))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().endsWith(".class")) {
                    out.put(e.getName(), zip.readAllBytes());
                }
            }
        }
        return out;
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void argumentsAndOnlyTheGivenEnvironmentReachTheGuest(ExecutionMode mode) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GREETING", "hello world");
        GuestRun run = GuestRun.start(new ChicoryBackend(mode), "echo_args", List.of("-h", "two words", ""), env,
                List.of());
        assertEquals(0, run.exitCode(TIMEOUT));
        assertEquals("argc=4\nargv[0]=echo_args.wasm\nargv[1]=-h\nargv[2]=two words\nargv[3]=\n"
                + "env GREETING=hello world\n", run.stdout.text());

        GuestRun noEnv = GuestRun.start(new ChicoryBackend(mode), "echo_args");
        assertEquals(0, noEnv.exitCode(TIMEOUT));
        assertFalse(noEnv.stdout.text().contains("env "), "no environment unless given: " + noEnv.stdout.text());
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void stdoutReachesTheHostLineByLineWhileTheGuestRuns(ExecutionMode mode) throws Exception {
        GuestRun run = GuestRun.start(new ChicoryBackend(mode), "lines", "3", "300");
        assertEquals(0, run.exitCode(TIMEOUT));
        // wasi-libc hands "line N" and "\n" to one fd_write as two iovecs; each reaches the host
        // flushed. What matters is when each line is complete on the host's side.
        List<Long> lineDone = new ArrayList<>();
        StringBuilder seen = new StringBuilder();
        for (GuestRun.Write w : run.stdout.flushedWrites()) {
            seen.append(w.text());
            if (w.text().endsWith("\n")) {
                lineDone.add(w.nanos());
            }
        }
        assertEquals("line 1\nline 2\nline 3\n", seen.toString(), "everything was flushed");
        assertEquals(3, lineDone.size(), "each line flushed on its own");
        long spreadMs = (lineDone.get(2) - lineDone.get(0)) / 1_000_000;
        assertTrue(spreadMs >= 500, "lines arrived as printed, 300 ms apart, not at exit: " + spreadMs + " ms");
        assertEquals("done\n", run.stderr.text());
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void sleepWaitsInPollOneoff(ExecutionMode mode) throws Exception {
        long start = System.nanoTime();
        GuestRun run = GuestRun.start(new ChicoryBackend(mode), "sleeper", "1");
        assertEquals(3, run.exitCode(TIMEOUT));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals("sleeping\nwoke with 0 left\n", run.stdout.text());
        assertTrue(ms >= 1000, "slept one second: " + ms + " ms");
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void procExitCodeIsTheExitCode(ExecutionMode mode) throws Exception {
        GuestRun seven = GuestRun.start(new ChicoryBackend(mode), "exit_code", "7");
        assertEquals(7, seven.exitCode(TIMEOUT));
        assertEquals("leaving with 7\n", seven.stdout.text(), "nothing runs after proc_exit");

        GuestRun zero = GuestRun.start(new ChicoryBackend(mode), "exit_code", "0");
        assertEquals(0, zero.exitCode(TIMEOUT));
        assertEquals("leaving with 0\n", zero.stdout.text(), "exit(0) ends the guest too");

        GuestRun returned = GuestRun.start(new ChicoryBackend(mode), "exit_code", "return", "5");
        assertEquals(5, returned.exitCode(TIMEOUT));
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void aStopRequestEndsASleepEarlyWithoutKillingTheGuest(ExecutionMode mode) throws Exception {
        GuestRun run = GuestRun.start(new ChicoryBackend(mode), "sleeper", "100");
        run.awaitStdout("sleeping", TIMEOUT);
        run.guest.requestStop();
        assertEquals(3, run.exitCode(Duration.ofSeconds(5)), "the guest exits on its own");
        assertEquals("sleeping\nwoke with 100 left\n", run.stdout.text(), "sleep() returned early");
    }

    @Test
    void compiledClassesAreCachedByModuleDigestAndReused(@TempDir Path cache) throws Exception {
        GuestRun first = GuestRun.start(new ChicoryBackend(ExecutionMode.COMPILER, cache), "exit_code", "4");
        assertEquals(4, first.exitCode(TIMEOUT));
        List<Path> entries;
        try (Stream<Path> files = Files.walk(cache)) {
            entries = files.filter(Files::isRegularFile).toList();
        }
        assertEquals(1, entries.size(), "one cache entry: " + entries);
        assertTrue(entries.get(0).getFileName().toString().startsWith("crc32-"), entries.toString());
        long modified = Files.getLastModifiedTime(entries.get(0)).toMillis();

        ChicoryBackend.forgetPreparedModules(); // as a new JVM: the module comes from the entry
        GuestRun second = GuestRun.start(new ChicoryBackend(ExecutionMode.COMPILER, cache), "exit_code", "5");
        assertEquals(5, second.exitCode(TIMEOUT));
        assertEquals(modified, Files.getLastModifiedTime(entries.get(0)).toMillis(), "the entry was reused");
        byte[] good = Files.readAllBytes(entries.get(0));

        // A damaged entry (garbage, or cut short as by a full disk) is replaced, not fatal.
        for (byte[] damaged : List.of(new byte[] {1, 2, 3}, Arrays.copyOf(good, good.length / 2))) {
            Files.write(entries.get(0), damaged);
            ChicoryBackend.forgetPreparedModules();
            GuestRun again = GuestRun.start(new ChicoryBackend(ExecutionMode.COMPILER, cache), "exit_code", "6");
            assertEquals(6, again.exitCode(TIMEOUT));
            // Compiled afresh: the same classes. The files may differ where Chicory's archive holds
            // the time of writing (an entry's date, and a date comment in its properties, whose
            // compressed size varies with it), so the classes are compared, not the files.
            byte[] rewritten = Files.readAllBytes(entries.get(0));
            assertFalse(Arrays.equals(damaged, rewritten), "the damaged entry was replaced");
            assertTrue(sameClasses(good, rewritten), "the entry was compiled afresh, to the same classes");
        }
    }
}
