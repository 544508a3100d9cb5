package org.wasmbpf.host.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.GuestInterruptedException;
import org.wasmbpf.host.spi.GuestTrapException;
import org.wasmbpf.host.spi.HostFunction;
import org.wasmbpf.host.spi.ValType;

/** Traps, table callbacks from a host import, and interrupting a guest, in both modes. */
class ChicoryFailureTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void aTrapNamesWhatTrappedAndTheFunction(ExecutionMode mode) throws Exception {
        assertTrap(mode, "unreachable", "unreachable", "crash_here");
        assertTrap(mode, "divzero", "divide by zero", "divide_here");
        assertTrap(mode, "oob", "out of bounds memory access", "read_far_away");
    }

    private static void assertTrap(ExecutionMode mode, String kind, String what, String function) throws Exception {
        GuestRun run = GuestRun.start(new ChicoryBackend(mode), "trap", kind);
        GuestTrapException e = assertThrows(GuestTrapException.class, () -> run.exitCode(TIMEOUT));
        assertTrue(e.getMessage().contains(what), kind + ": says what trapped: " + e.getMessage());
        assertTrue(e.getMessage().endsWith(" in " + function), kind + ": names the function: " + e.getMessage());
        assertEquals("before\n", run.stdout.text());
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void aHostImportCallsTheGuestBackThroughTheFunctionTable(ExecutionMode mode) throws Exception {
        GuestRun run = GuestRun.start(new ChicoryBackend(mode), "callback", List.of(), Map.of(), List.of(callBack()));
        assertEquals(0, run.exitCode(TIMEOUT));
        assertEquals("on_sample ctx=42 size=13 data=from the host\ncall_back returned 55\n", run.stdout.text());
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void aCallbackOfTheWrongTypeIsAGuestFault(ExecutionMode mode) throws Exception {
        GuestRun run = GuestRun.start(new ChicoryBackend(mode), "callback", List.of("wrong"), Map.of(),
                List.of(callBack()));
        GuestTrapException e = assertThrows(GuestTrapException.class, () -> run.exitCode(TIMEOUT));
        assertTrue(e.getMessage().contains("not_a_callback") && e.getMessage().contains("(i32 ctx, i32 data, i32 size)"),
                e.getMessage());
    }

    /**
     * {@code test.call_back(fn, ctx)}: writes "from the host" to the top of guest memory and calls
     * table entry {@code fn} with (ctx, that address, 13), as the buffer-poll import does.
     */
    private static HostFunction callBack() {
        return new HostFunction("test", "call_back", List.of(ValType.I32, ValType.I32), List.of(ValType.I32),
                (GuestInstance guest, long[] args) -> {
                    byte[] text = "from the host\0".getBytes(StandardCharsets.US_ASCII);
                    int addr = (int) guest.memory().size() - 64;
                    guest.memory().write(addr, text, 0, text.length);
                    return new long[] {guest.callSampleCallback((int) args[0], (int) args[1], addr, text.length - 1)};
                });
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void interruptStopsAGuestSpinningInALoop(ExecutionMode mode) throws Exception {
        assertInterruptible(mode, "spin", "spinning");
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void interruptStopsAGuestSleepingInPollOneoff(ExecutionMode mode) throws Exception {
        assertInterruptible(mode, "sleeper", "sleeping");
    }

    private static void assertInterruptible(ExecutionMode mode, String guest, String started) throws Exception {
        GuestRun run = GuestRun.start(new ChicoryBackend(mode), guest);
        run.awaitStdout(started, TIMEOUT);
        Thread.sleep(200);
        long start = System.nanoTime();
        run.guest.interrupt();
        GuestInterruptedException e = assertThrows(GuestInterruptedException.class,
                () -> run.exitCode(Duration.ofSeconds(5)));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 1000, "stopped promptly: " + ms + " ms");
        assertTrue(e.getMessage().startsWith("guest interrupted in "), e.getMessage());
    }
}
