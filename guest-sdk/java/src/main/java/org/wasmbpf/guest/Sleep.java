package org.wasmbpf.guest;

import org.teavm.interop.Address;
import org.teavm.interop.Import;

/**
 * Waits through WASI {@code poll_oneoff}, as wasi-libc's {@code sleep()} does. A wasm-bpf host
 * that is stopping the run (Ctrl-C) ends the wait early with {@code EINTR}, which is how a tool
 * that reports once per interval learns to print its last report and exit.
 */
public final class Sleep {
    private static final int CLOCK_MONOTONIC = 1;
    private static final int EVENTTYPE_CLOCK = 0;
    /** A 48-byte subscription, a 32-byte event, then the event count. */
    private static final long[] POLL = new long[11];

    private Sleep() {
    }

    @Import(module = "wasi_snapshot_preview1", name = "poll_oneoff")
    private static native int pollOneoff(Address subscriptions, Address events, int count, Address eventCount);

    /**
     * Sleeps {@code seconds}. Returns true when the whole time passed, false when the host cut it
     * short because the run is being stopped.
     */
    public static boolean seconds(long seconds) {
        return nanos(seconds * 1_000_000_000L);
    }

    /** Sleeps {@code nanos}; the result is that of {@link #seconds}. */
    public static boolean nanos(long nanos) {
        long[] p = POLL;
        for (int i = 0; i < p.length; i++) {
            p[i] = 0;
        }
        p[1] = EVENTTYPE_CLOCK;       // tag at byte 8
        p[2] = CLOCK_MONOTONIC;       // clock id at byte 16
        p[3] = nanos;                 // relative timeout at byte 24
        // no allocation from here to the call: the array cannot move
        Address sub = Address.ofData(p);
        int result = pollOneoff(sub, sub.add(48), 1, sub.add(80));
        if (result == Errno.EINTR) {
            return false;
        }
        if (result != 0) {
            throw new BpfException("sleeping (poll_oneoff)", result);
        }
        return true;
    }
}
