package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wasmbpf.host.ExitCodes;
import org.wasmbpf.tests.support.CliProcess;
import org.wasmbpf.tests.support.Engines;
import org.wasmbpf.tests.support.KernelObjects;
import org.wasmbpf.tests.support.TestGuests;

/**
 * Every way a run can end leaves no program, link or map in the kernel. The guest
 * (misbehave_after_attach.c) attaches bootstrap's programs, then ends the way the test asks.
 * The trap and SIGTERM paths are in {@link SandboxCliTest} and {@link BootstrapCliTest}; the
 * host-exception path, which needs the embedding API, in {@link CleanupApiTest}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CleanupCliTest {
    private static final Duration RUN = Duration.ofSeconds(60);
    private static Path guest;

    @BeforeAll
    static void build() throws Exception {
        guest = TestGuests.build("misbehave_after_attach");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void exitWithoutDestroyingTheSkeleton(String engine) throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        try (CliProcess cli = CliProcess.run(engine, guest, "exit")) {
            assertEquals(3, cli.waitFor(RUN), "the guest's own exit code\n" + cli.transcript());
            assertEquals(List.of("attached"), cli.stderr(), cli.transcript());
        }
        assertNothingLeft(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void abortIsATrapAndLeavesNothing(String engine) throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        try (CliProcess cli = CliProcess.run(engine, guest, "abort")) {
            assertEquals(ExitCodes.TRAP, cli.waitFor(RUN), cli.transcript());
            List<String> err = cli.stderr();
            assertEquals(2, err.size(), "'attached' and one line about the trap\n" + cli.transcript());
            assertTrue(err.get(1).startsWith("wasm-bpf: guest trapped: unreachable"), cli.transcript());
        }
        assertNothingLeft(before);
    }

    /** A guest that never calls the host again cannot see the stop request: it is interrupted. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void aGuestSpinningInItsOwnLoopIsInterruptedAfterTheGracePeriodOfSigint(String engine) throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        try (CliProcess cli = CliProcess.start("run", "--runtime", engine, "--grace-ms", "500", guest.toString(),
                "spin")) {
            awaitStderr(cli, "attached");
            long t0 = System.nanoTime();
            cli.signal("INT");
            assertEquals(ExitCodes.INTERRUPTED, cli.waitFor(Duration.ofSeconds(20)), cli.transcript());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 500, "waited the grace period first: " + ms + " ms");
            assertTrue(cli.stderr().contains(
                    "wasm-bpf: the guest did not exit within 500 ms of the stop request; interrupting it"), cli.transcript());
        }
        assertNothingLeft(before);
    }

    /**
     * SIGKILL gives the host no chance to clean up; the kernel does, since nothing is pinned:
     * the last fd of each program, link and map dies with the process.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void sigkillOfTheJvmLeavesNothingBecauseNothingIsPinned(String engine) throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        try (CliProcess cli = CliProcess.run(engine, guest, "sleep")) {
            awaitStderr(cli, "attached");
            Set<String> during = new TreeSet<>(KernelObjects.snapshot().entries());
            during.removeAll(before.entries());
            assertTrue(during.stream().filter(e -> e.startsWith("link:")).count() >= 2,
                    "the guest's two links are in the kernel while it runs: " + during);
            cli.signal("KILL");
            assertEquals(137, cli.waitFor(RUN), cli.transcript());
        }
        assertNothingLeft(before);
    }

    static void assertNothingLeft(KernelObjects before) throws InterruptedException {
        KernelObjects leaked = KernelObjects.leakedSince(before, 5000);
        assertTrue(leaked.isEmpty(), "kernel objects left behind: " + leaked);
    }

    private static void awaitStderr(CliProcess cli, String line) throws InterruptedException {
        long deadline = System.nanoTime() + RUN.toNanos();
        while (!cli.stderr().contains(line)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + line + "' on stderr\n" + cli.transcript());
            }
            Thread.sleep(20);
        }
    }
}
