package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.tests.support.CliProcess;
import org.wasmbpf.tests.support.KernelObjects;
import org.wasmbpf.tests.support.Log2Histograms;
import org.wasmbpf.tests.support.Repo;
import org.wasmbpf.tests.support.TestBpfObjects;

/**
 * {@code wasm-bpf run PROG.bpf.o}: the examples' BPF objects with no user code, their samples
 * decoded from BTF (columns and JSON), runqlat's histogram map, the globals as flags, and bad
 * input refused with one line and nothing left in the kernel.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ObjectRunnerCliTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration EVENT = Duration.ofSeconds(10);
    private static final long MY_PID = ProcessHandle.current().pid();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void bootstrapsSamplesAreColumnsNamedAfterTheStructsMembers() throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        try (CliProcess cli = CliProcess.start("run", bpfObject("bootstrap").toString())) {
            cli.awaitLine(l -> l.matches("TIME +PID +PPID +EXIT_CODE +DURATION_NS +COMM +FILENAME +EXIT_EVENT"), START);
            long pid = spawn(7, "sh", "-c", "exit 7");
            String exec = cli.awaitLine(l -> fields(l).length == 8 && fields(l)[1].equals("" + pid) && l.endsWith(" false")
                    && fields(l)[6].endsWith("/sh"), EVENT);
            assertEquals("" + MY_PID, fields(exec)[2], "ppid: " + exec);
            assertEquals("sh", fields(exec)[5], exec);
            String exit = cli.awaitLine(l -> fields(l).length == 7 && fields(l)[1].equals("" + pid) && l.endsWith(" true"), EVENT);
            assertEquals("7", fields(exit)[3], "exit code: " + exit);
            assertTrue(fields(exit)[0].matches("\\d\\d:\\d\\d:\\d\\d"), "time of day first: " + exit);
            cli.signal("INT");
            assertEquals(0, cli.waitFor(Duration.ofSeconds(15)), cli.transcript());
        }
        assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
    }

    @Test
    void jsonGivesOneObjectPerSampleWithTheBtfFieldNames() throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        try (CliProcess cli = CliProcess.start("run", bpfObject("bootstrap").toString(), "--json")) {
            awaitAttached(cli);
            long pid = spawn(5, "sh", "-c", "exit 5");
            String line = cli.awaitLine(l -> l.startsWith("{") && l.contains("\"pid\":" + pid + ",")
                    && l.contains("\"exit_event\":true"), EVENT);
            JsonNode o = JSON.readTree(line);
            assertEquals(List.of("pid", "ppid", "exit_code", "duration_ns", "comm", "filename", "exit_event"),
                    iterableToList(o.fieldNames()));
            assertEquals(MY_PID, o.get("ppid").asLong());
            assertEquals(5, o.get("exit_code").asInt());
            assertEquals("sh", o.get("comm").asText());
            assertTrue(cli.stdout().stream().allMatch(l -> l.startsWith("{")), "only JSON on stdout:\n" + cli.transcript());
            cli.signal("TERM");
            assertEquals(0, cli.waitFor(Duration.ofSeconds(15)), cli.transcript());
        }
        assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
    }

    @Test
    void aGlobalSetAsAFlagReachesTheKernelProgram() throws Exception {
        try (CliProcess cli = CliProcess.start("run", bpfObject("bootstrap").toString(), "--json",
                "--min_duration_ns", "300000000")) {
            awaitAttached(cli);
            long shortPid = spawn(3, "sh", "-c", "exit 3");
            long longPid = spawn(0, "sh", "-c", "sleep 0.5");
            cli.awaitLine(l -> l.contains("\"pid\":" + longPid + ","), START.plus(EVENT));
            assertTrue(cli.find(l -> l.contains("\"pid\":" + shortPid + ",")).isEmpty(), cli.transcript());
            assertTrue(cli.find(l -> l.contains("\"exit_event\":false")).isEmpty(), "no exec events with a minimum duration");
            cli.signal("INT");
            assertEquals(0, cli.waitFor(Duration.ofSeconds(15)), cli.transcript());
        }
    }

    @Test
    void runqlatsHistogramMapPrintsAsLog2HistogramsEveryInterval() throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        try (CliProcess cli = CliProcess.start("run", bpfObject("runqlat").toString(), "--interval", "0.5")) {
            cli.awaitLine(l -> l.matches("\\s+usecs\\s+: count\\s+distribution"), START);
            spawn(0, "sh", "-c", "for i in 1 2 3 4 5; do sleep 0.05; done");
            Thread.sleep(1200);
            cli.signal("INT");
            assertEquals(0, cli.waitFor(Duration.ofSeconds(15)), cli.transcript());
            List<Log2Histograms.Histogram> hists = Log2Histograms.parse(cli.stdout());
            assertTrue(hists.size() >= 2, "one histogram an interval:\n" + cli.transcript());
            assertTrue(hists.stream().allMatch(h -> h.total() > 0), "only non-empty intervals are printed");
            for (Log2Histograms.Histogram h : hists) {
                for (int i = 0; i < h.rows().size(); i++) {
                    long[] row = h.rows().get(i);
                    assertEquals(i == 0 ? 0 : 1L << i, row[0], "row " + i + " low bound");
                    assertEquals((1L << (i + 1)) - 1, row[1], "row " + i + " high bound");
                }
            }
        }
        assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
    }

    @Test
    void aBoolFlagAloneMeansTrueAndTargMsMakesTheUnitMsecs() throws Exception {
        try (CliProcess cli = CliProcess.start("run", bpfObject("runqlat").toString(), "--targ_ms", "--interval", "0.3")) {
            cli.awaitLine(l -> l.matches("\\s+msecs\\s+: count\\s+distribution"), START);
            cli.signal("INT");
            assertEquals(0, cli.waitFor(Duration.ofSeconds(15)), cli.transcript());
        }
    }

    @Test
    void helpListsEveryGlobalWithItsTypeAndDefault() throws Exception {
        try (CliProcess cli = CliProcess.start("run", bpfObject("runqlat").toString(), "--help")) {
            assertEquals(0, cli.waitFor(START), cli.transcript());
            String out = String.join("\n", cli.stdout());
            for (String flag : List.of("--targ_per_process[=BOOL]", "--targ_per_thread[=BOOL]", "--targ_per_pidns[=BOOL]",
                    "--targ_ms[=BOOL]", "--targ_tgid=S32")) {
                assertTrue(out.contains(flag), flag + " in:\n" + out);
            }
            assertTrue(out.contains("const volatile pid_t targ_tgid (default: 0)"), out);
            assertTrue(out.contains("const volatile bool targ_ms (default: false)"), out);
        }
    }

    @Test
    void badValuesAndUnknownFlagsAreOneLineAndExit2() throws Exception {
        Path runqlat = bpfObject("runqlat");
        assertRefused(2, "wasm-bpf: runqlat.bpf.o: --targ_tgid: 'x' is not a signed 32-bit integer"
                + " (-2147483648..2147483647)", runqlat.toString(), "--targ_tgid", "x");
        assertRefused(2, "wasm-bpf: runqlat.bpf.o: --targ_tgid: '4294967296' is not a signed 32-bit integer"
                + " (-2147483648..2147483647)", runqlat.toString(), "--targ_tgid", "4294967296");
        assertRefused(2, "wasm-bpf: runqlat.bpf.o: --targ_ms: 'maybe' is not true or false", runqlat.toString(),
                "--targ_ms=maybe");
        assertRefused(2, "wasm-bpf: runqlat.bpf.o: Unknown option: '--no_such_flag'", runqlat.toString(), "--no_such_flag");
    }

    @Test
    void badObjectsAreOneLineWithoutLoadingAnything() throws Exception {
        Path junk = tmp.resolve("junk.bpf.o");
        Files.write(junk, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0});
        assertRefused(65, "wasm-bpf: junk.bpf.o: ", junk.toString());
        Path noBtf = copy(TestBpfObjects.objectFile("idle", false), "idle_nobtf.bpf.o");
        assertRefused(65, "wasm-bpf: idle_nobtf.bpf.o: no .BTF section: compile the BPF program with clang -g so that"
                + " it carries BTF", noBtf.toString());
        Path rejected = copy(TestBpfObjects.objectFile("rejected", true), "rejected.bpf.o");
        CliProcess cli = assertRefused(1, "wasm-bpf: rejected.bpf.o: ", rejected.toString());
        assertTrue(cli.stderr().stream().anyMatch(l -> l.startsWith("  ") && l.contains("invalid mem access")),
                "the verifier's reason, indented:\n" + cli.transcript());
    }

    private static void awaitAttached(CliProcess cli) throws InterruptedException {
        cli.awaitStderrLine(l -> l.startsWith("wasm-bpf: bootstrap.bpf.o: attached handle_exec, handle_exit; printing rb;"),
                START);
    }

    /** Runs a command that must fail at once with {@code code} and a first stderr line starting {@code line}. */
    private static CliProcess assertRefused(int code, String line, String... args) throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        List<String> all = new java.util.ArrayList<>(List.of("run"));
        all.addAll(List.of(args));
        try (CliProcess cli = CliProcess.start(all.toArray(String[]::new))) {
            assertEquals(code, cli.waitFor(START), cli.transcript());
            assertFalse(cli.stderr().isEmpty(), cli.transcript());
            assertTrue(cli.stderr().get(0).startsWith(line), "first line: " + cli.transcript());
            assertTrue(cli.stdout().isEmpty(), "nothing on stdout: " + cli.transcript());
            assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
            return cli;
        }
    }

    private Path copy(Path from, String name) throws Exception {
        return Files.copy(from, tmp.resolve(name));
    }

    private static Path bpfObject(String name) {
        return Repo.cExampleBuildDir().resolve(name + ".bpf.o");
    }

    private static String[] fields(String line) {
        return line.trim().split(" +");
    }

    private static <T> List<T> iterableToList(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static long spawn(int expectedExit, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "spawned process did not end");
        assertEquals(expectedExit, p.exitValue(), String.join(" ", cmd));
        return p.pid();
    }
}
