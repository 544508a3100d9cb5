package org.wasmbpf.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.wasmbpf.host.chicory.ChicoryBackend;
import org.wasmbpf.host.chicory.TestGuests;
import org.wasmbpf.host.spi.ModuleRejectedException;

/** The embedding API on Chicory: a guest on its own thread, its exit code, stop and its grace period. */
class WasmBpfHostTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private WasmBpfHost.Builder host() {
        return WasmBpfHost.builder().backend(new ChicoryBackend()).stdout(out).stderr(err);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private void awaitStdout(String text) throws InterruptedException {
        for (int i = 0; i < 3000 && !stdout().contains(text); i++) {
            Thread.sleep(10);
        }
        assertTrue(stdout().contains(text), "guest printed '" + text + "': " + stdout());
    }

    @Test
    void runsTheGuestWithItsArgumentsAndEnvironment() throws Exception {
        RunningGuest guest = host().args(List.of("a b")).env(Map.of("K", "V")).build()
                .start(TestGuests.bytes("echo_args"), "echo.wasm");
        assertEquals(0, guest.waitFor());
        assertEquals(OptionalInt.of(0), guest.exitCode());
        assertEquals("argc=2\nargv[0]=echo.wasm\nargv[1]=a b\nenv K=V\n", stdout());
    }

    @Test
    void aTrapBecomesExitCode134AndOneLine() throws Exception {
        RunningGuest guest = host().build().start(TestGuests.bytes("trap"));
        assertEquals(ExitCodes.TRAP, guest.waitFor());
        assertEquals("wasm-bpf: guest trapped: unreachable instruction in crash_here\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void stopLetsAWellBehavedGuestFinish() throws Exception {
        RunningGuest guest = host().args(List.of("100")).build().start(TestGuests.bytes("sleeper"));
        awaitStdout("sleeping");
        guest.stop();
        assertEquals(OptionalInt.of(3), guest.waitFor(Duration.ofSeconds(5)));
        assertTrue(stdout().endsWith("woke with 100 left\n"), stdout());
    }

    @Test
    void stopInterruptsAGuestThatKeepsRunningAfterTheGracePeriod() throws Exception {
        RunningGuest guest = host().gracePeriod(Duration.ofMillis(500)).build().start(TestGuests.bytes("spin"));
        awaitStdout("spinning");
        long start = System.nanoTime();
        guest.stop();
        assertEquals(OptionalInt.empty(), guest.waitFor(Duration.ofMillis(300)), "still in its grace period");
        assertEquals(OptionalInt.of(ExitCodes.INTERRUPTED), guest.waitFor(Duration.ofSeconds(5)));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 500 && ms < 3000, "interrupted after the grace period: " + ms + " ms");
    }

    @Test
    void aSecondStopInterruptsAtOnce() throws Exception {
        RunningGuest guest = host().gracePeriod(Duration.ofSeconds(60)).build().start(TestGuests.bytes("spin"));
        awaitStdout("spinning");
        guest.stop();
        guest.stop();
        assertEquals(OptionalInt.of(ExitCodes.INTERRUPTED), guest.waitFor(Duration.ofSeconds(5)));
        assertEquals("wasm-bpf: stop requested again; interrupting the guest\n", err.toString(StandardCharsets.UTF_8),
                "one line, which does not claim a grace period ran out");
    }

    @Test
    void aModuleThatCannotRunIsRejectedBeforeAnythingStarts() {
        ModuleRejectedException e = assertThrows(ModuleRejectedException.class,
                () -> host().build().start(TestGuests.bytes("unknown_import")));
        assertEquals(ModuleRejectedException.Reason.UNKNOWN_IMPORTS, e.reason());
        assertEquals(ExitCodes.UNKNOWN_IMPORTS, ExitCodes.forRejection(e.reason()));
    }
}
