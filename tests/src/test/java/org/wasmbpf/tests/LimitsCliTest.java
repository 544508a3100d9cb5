package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wasmbpf.host.ExitCodes;
import org.wasmbpf.host.GuestLimits;
import org.wasmbpf.host.RunningGuest;
import org.wasmbpf.host.WasmBpfHost;
import org.wasmbpf.tests.support.CliProcess;
import org.wasmbpf.tests.support.Engines;
import org.wasmbpf.tests.support.KernelObjects;
import org.wasmbpf.tests.support.LineCollector;
import org.wasmbpf.tests.support.TestBpfObjects;
import org.wasmbpf.tests.support.TestGuests;

/** The per-guest limits (memory pages, loaded objects, poll timeout ceiling), on the CLI and the API. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LimitsCliTest {
    private static final Pattern GROWN = Pattern.compile("allocated (\\d+) MiB, memory (\\d+) pages");
    private static final Pattern POLLED = Pattern.compile("poll -> (-?\\d+) after (\\d+) ms");
    private static Path guest;

    @BeforeAll
    static void build() throws Exception {
        guest = TestGuests.build("bad_objects", TestBpfObjects.header());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void memoryGrowsUpToTheLimitAndNoFurther(String engine) throws Exception {
        Matcher m = expectOne(GROWN, run(engine, 0, "--max-memory-pages", "64", "grow"));
        assertTrue(Integer.parseInt(m.group(2)) <= 64, "memory pages " + m.group(2));
        assertTrue(Integer.parseInt(m.group(1)) >= 1, "the guest could allocate below the limit: " + m.group());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void theDefaultLimitIs256MiB(String engine) throws Exception {
        Matcher m = expectOne(GROWN, run(engine, 0, "grow"));
        int pages = Integer.parseInt(m.group(2));
        assertTrue(pages <= GuestLimits.DEFAULT_MAX_MEMORY_PAGES && pages > GuestLimits.DEFAULT_MAX_MEMORY_PAGES - 64,
                "grew to just under the default limit: " + m.group());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void aModuleWhoseMemoryStartsAboveTheLimitIsRejected(String engine) throws Exception {
        try (CliProcess cli = CliProcess.start("run", "--runtime", engine, "--max-memory-pages", "1", guest.toString())) {
            assertEquals(ExitCodes.INVALID_MODULE, cli.waitFor(Duration.ofSeconds(60)), cli.transcript());
            assertEquals(List.of("wasm-bpf: " + guest + ": its memory starts at 2 pages of 64 KiB, more than the limit"
                    + " of 1 pages"), cli.stderr());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void loadsBeyondTheObjectLimitGiveZeroAndSayWhy(String engine) throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        try (CliProcess cli = CliProcess.start("run", "--runtime", engine, "--max-objects", "2", guest.toString(),
                "load-many", "3")) {
            assertEquals(0, cli.waitFor(Duration.ofSeconds(60)), cli.transcript());
            assertEquals(List.of("load 1 -> 1", "load 2 -> 2", "load 3 -> 0"), cli.stdout(), cli.transcript());
            assertEquals(List.of("wasm-bpf: load failed: the guest already has 2 BPF objects loaded, the most it may"
                    + " have (limit 2)"), cli.stderr());
        }
        CleanupCliTest.assertNothingLeft(before);
    }

    /** The ring buffer of idle.bpf.c never gets a sample, so a poll waits its whole timeout. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void aPollAskingForLongerOrForeverWaitsAtMostTheCeiling(String engine) throws Exception {
        for (String timeout : List.of("60000", "-1")) {
            Matcher m = expectOne(POLLED, run(engine, 0, "--poll-timeout-ceiling-ms", "300", "poll-long", timeout));
            long ms = Long.parseLong(m.group(2));
            assertEquals("0", m.group(1), "nothing came: " + m.group());
            assertTrue(ms >= 250 && ms < 3000, "timeout " + timeout + " waited about the ceiling: " + m.group());
        }
        Matcher shorter = expectOne(POLLED, run(engine, 0, "--poll-timeout-ceiling-ms", "5000", "poll-long", "200"));
        assertTrue(Long.parseLong(shorter.group(2)) < 2000, "a shorter timeout is kept: " + shorter.group());
    }

    @Test
    void badLimitValuesAreUsageErrors() throws Exception {
        for (String[] opt : List.of(new String[] {"--max-memory-pages", "0"}, new String[] {"--max-memory-pages", "65537"},
                new String[] {"--max-objects", "0"}, new String[] {"--poll-timeout-ceiling-ms", "-5"})) {
            try (CliProcess cli = CliProcess.start("run", opt[0], opt[1], guest.toString())) {
                assertEquals(ExitCodes.USAGE, cli.waitFor(Duration.ofSeconds(30)), cli.transcript());
                assertEquals(1, cli.stderr().size(), cli.transcript());
                assertTrue(cli.stderr().get(0).startsWith("wasm-bpf: " + opt[0] + " must be"), cli.transcript());
            }
        }
    }

    /** The same limits through the embedding API. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void theEmbeddingApiTakesTheLimits(String engine) throws Exception {
        LineCollector out = new LineCollector();
        LineCollector err = new LineCollector();
        RunningGuest g = WasmBpfHost.builder().backend(Engines.backend(engine))
                .limits(GuestLimits.DEFAULTS.withMaxObjects(1).withPollTimeoutCeiling(Duration.ofMillis(200)))
                .args(List.of("load-many", "2")).stdout(out).stderr(err).build().start(guest);
        assertEquals(0, g.waitFor(), String.join("\n", err.lines()));
        assertEquals(List.of("load 1 -> 1", "load 2 -> 0"), out.lines());
        assertEquals(1, err.lines().size(), String.join("\n", err.lines()));
    }

    private static List<String> run(String engine, int expectedCode, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("run", "--runtime", engine));
        // options first, then the module, then the guest's arguments
        int firstGuestArg = firstGuestArg(args);
        cmd.addAll(List.of(args).subList(0, firstGuestArg));
        cmd.add(guest.toString());
        cmd.addAll(List.of(args).subList(firstGuestArg, args.length));
        try (CliProcess cli = CliProcess.start(cmd.toArray(String[]::new))) {
            assertEquals(expectedCode, cli.waitFor(Duration.ofSeconds(60)), cli.transcript());
            return cli.stdout();
        }
    }

    private static int firstGuestArg(String[] args) {
        int i = 0;
        while (i < args.length && args[i].startsWith("--")) {
            i += 2;
        }
        return i;
    }

    private static Matcher expectOne(Pattern p, List<String> lines) {
        for (String l : lines) {
            Matcher m = p.matcher(l);
            if (m.matches()) {
                return m;
            }
        }
        throw new AssertionError("no line like " + p + " in " + lines);
    }
}
