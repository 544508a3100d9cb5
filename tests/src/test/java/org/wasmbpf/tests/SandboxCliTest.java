package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wasmbpf.host.ExitCodes;
import org.wasmbpf.tests.support.CliProcess;
import org.wasmbpf.tests.support.Engines;
import org.wasmbpf.tests.support.KernelObjects;
import org.wasmbpf.tests.support.TestGuests;

/** What a guest may reach, and what is left in the kernel when it misbehaves. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SandboxCliTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void mapFdsTheGuestDidNotLoadAreRefusedWithEbadf(String engine) throws Exception {
        Path guest = TestGuests.build("foreign_fds");
        try (CliProcess cli = CliProcess.run(engine, guest)) {
            assertEquals(0, cli.waitFor(Duration.ofSeconds(60)), cli.transcript());
            assertTrue(cli.find(l -> l.equals("own fd lookup of a missing key -> ENOENT")).isPresent(),
                    "the guest's own map answers -ENOENT for a missing key:\n" + cli.transcript());
            assertTrue(cli.find(l -> l.equals("before load: probed 257 refused 257")).isPresent(),
                    "before loading, every fd is refused:\n" + cli.transcript());
            assertTrue(cli.find(l -> l.equals("after destroy: probed 257 refused 257")).isPresent(),
                    "after destroying its object, every fd (its former maps too) is refused:\n" + cli.transcript());
        }
    }

    @Test
    void trapAfterAttachOnChicoryNamesTheFunctionAndLeavesNothingInTheKernel() throws Exception {
        String err = trapAfterAttach(Engines.CHICORY);
        assertTrue(err.contains("crash_here"), "names the function that trapped:\n" + err);
    }

    /** wasmtime-java turns a trap into a bare code and drops Wasmtime's backtrace. */
    @Test
    void trapAfterAttachOnWasmtimeCannotNameTheFunctionButLeavesNothingInTheKernel() throws Exception {
        trapAfterAttach(Engines.WASMTIME);
    }

    /** Runs the trapping guest; returns its stderr after the common assertions. */
    private static String trapAfterAttach(String engine) throws Exception {
        Path guest = TestGuests.build("trap_after_attach");
        KernelObjects before = KernelObjects.snapshot();
        String err;
        try (CliProcess cli = CliProcess.run(engine, guest)) {
            int code = cli.waitFor(Duration.ofSeconds(60));
            assertTrue(cli.find(l -> l.equals("attached")).isPresent(), cli.transcript());
            assertEquals(ExitCodes.TRAP, code, "a trap is a failure of its own kind\n" + cli.transcript());
            err = String.join("\n", cli.stderr());
            assertTrue(err.contains("trapped") && err.contains("unreachable"), "says what trapped:\n" + err);
        }
        KernelObjects leaked = KernelObjects.leakedSince(before, 5000);
        assertTrue(leaked.isEmpty(), "kernel objects left behind: " + leaked);
        return err;
    }
}
