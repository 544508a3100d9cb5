package org.wasmbpf.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.host.ExitCodes;
import org.wasmbpf.host.chicory.TestGuests;

/** Running guests through the command: arguments, streaming, exit codes, traps and signals. */
class CliRunTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path cache;

    @Test
    void helpAndVersion() throws Exception {
        try (CliRun cli = CliRun.start("--version")) {
            assertEquals(0, cli.waitFor(TIMEOUT));
            assertTrue(cli.stdoutText().get(0).matches("wasm-bpf \\S+ \\(Chicory 1\\.7\\.5, Java .+\\)"), cli.transcript());
        }
        try (CliRun cli = CliRun.start("run", "--help")) {
            assertEquals(0, cli.waitFor(TIMEOUT));
            assertTrue(cli.stdoutText().get(0).startsWith("Usage: wasm-bpf run "), cli.transcript());
        }
    }

    @Test
    void everythingAfterTheModuleGoesToTheGuest() throws Exception {
        try (CliRun cli = CliRun.start("run", "--env", "A=1", "--cache-dir", cache, TestGuests.wasm("echo_args"),
                "-h", "--help", "--mode", "x", "--")) {
            assertEquals(0, cli.waitFor(TIMEOUT), cli.transcript());
            assertEquals(List.of("argc=6", "argv[0]=echo_args.wasm", "argv[1]=-h", "argv[2]=--help", "argv[3]=--mode",
                    "argv[4]=x", "argv[5]=--", "env A=1"), cli.stdoutText());
        }
    }

    @Test
    void theGuestsExitCodeIsTheCommandsExitCode() throws Exception {
        for (String mode : List.of("interpreter", "compiler")) {
            try (CliRun cli = CliRun.start("run", "--mode", mode, "--cache-dir", cache, TestGuests.wasm("exit_code"), 7)) {
                assertEquals(7, cli.waitFor(TIMEOUT), cli.transcript());
                assertEquals(List.of("leaving with 7"), cli.stdoutText());
                assertEquals(List.of(), cli.stderrText());
            }
        }
    }

    @Test
    void outputStreamsThroughAPipeLineByLine() throws Exception {
        try (CliRun cli = CliRun.start("run", "--cache-dir", cache, TestGuests.wasm("lines"), 3, 400)) {
            assertEquals(0, cli.waitFor(TIMEOUT), cli.transcript());
            List<CliRun.Line> lines = cli.stdout();
            assertEquals(List.of("line 1", "line 2", "line 3"), cli.stdoutText());
            long spreadMs = (lines.get(2).nanos() - lines.get(0).nanos()) / 1_000_000;
            assertTrue(spreadMs >= 600, "lines came through the pipe as printed: " + spreadMs + " ms apart");
        }
    }

    @Test
    void aTrapIsOneLineAndExitCode134() throws Exception {
        try (CliRun cli = CliRun.start("run", "--cache-dir", cache, TestGuests.wasm("trap"))) {
            assertEquals(ExitCodes.TRAP, cli.waitFor(TIMEOUT), cli.transcript());
            assertEquals(List.of("before"), cli.stdoutText());
            assertEquals(List.of("wasm-bpf: guest trapped: unreachable instruction in crash_here"), cli.stderrText());
        }
    }

    @Test
    void sigintEndsASleepAndTheGuestExitsOnItsOwn() throws Exception {
        try (CliRun cli = CliRun.start("run", "--cache-dir", cache, TestGuests.wasm("sleeper"), 100)) {
            cli.awaitStdout("sleeping", TIMEOUT);
            cli.signal("INT");
            assertEquals(3, cli.waitFor(Duration.ofSeconds(10)), cli.transcript());
            assertEquals(List.of("sleeping", "woke with 100 left"), cli.stdoutText());
        }
    }

    @Test
    void sigtermInterruptsAGuestThatIgnoresTheStopAfterTheGracePeriod() throws Exception {
        try (CliRun cli = CliRun.start("run", "--grace-ms", 300, "--cache-dir", cache, TestGuests.wasm("spin"))) {
            cli.awaitStdout("spinning", TIMEOUT);
            long start = System.nanoTime();
            cli.signal("TERM");
            assertEquals(ExitCodes.INTERRUPTED, cli.waitFor(Duration.ofSeconds(10)), cli.transcript());
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 300 && ms < 5000, "interrupted after the grace period: " + ms + " ms");
            assertEquals(List.of("wasm-bpf: the guest did not exit within 300 ms of the stop request; interrupting it"),
                    cli.stderrText());
        }
    }
}
