package org.wasmbpf.host;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.GuestMemory;
import org.wasmbpf.host.spi.StopSignal;

/**
 * One call of an embedder's host function ({@link WasmBpfHost.Builder#hostFunction}): its
 * arguments, the calling guest's memory with checked access, and the run's stop request. A
 * function that waits must wait through {@link #sleep} (or poll {@link #stopRequested}), so that
 * SIGINT or {@link RunningGuest#stop()} ends the wait as it ends the guest's own sleeps and polls.
 */
public final class GuestCall {
    private final GuestInstance guest;
    private final long[] args;
    private final StopSignal stop;

    GuestCall(GuestInstance guest, long[] args, StopSignal stop) {
        this.guest = guest;
        this.args = args;
        this.stop = stop;
    }

    /** Argument {@code i} as an i32. */
    public int i32(int i) {
        return (int) args[i];
    }

    /** Argument {@code i} as an i64. */
    public long i64(int i) {
        return args[i];
    }

    public GuestMemory memory() {
        return guest.memory();
    }

    /**
     * {@code len} bytes of guest memory at {@code ptr} as UTF-8.
     *
     * @throws GuestPointers.InvalidPointerException when the range is not in memory (the guest
     *     then traps, as it would on a bad load)
     */
    public String string(int ptr, int len) {
        return new String(GuestPointers.read(guest.memory(), ptr, len), StandardCharsets.UTF_8);
    }

    /** The NUL-terminated string at {@code ptr}. */
    public String cString(int ptr) {
        return GuestPointers.readCString(guest.memory(), ptr);
    }

    /** Whether the run is being stopped: a long-running function should return soon. */
    public boolean stopRequested() {
        return stop.requested() || stop.stopped();
    }

    /**
     * Waits {@code time} unless the run is stopped first.
     *
     * @return true when the whole time passed, false when a stop request ended it early
     * @throws org.wasmbpf.host.spi.GuestInterruptedException when the guest is being interrupted
     */
    public boolean sleep(Duration time) {
        return !stop.sleep(time.toNanos());
    }
}
