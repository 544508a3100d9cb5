package org.wasmbpf.host.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiPreview1;
import java.time.Clock;
import java.time.Instant;
import org.wasmbpf.host.imports.WasiErrno;
import org.wasmbpf.host.spi.GuestInterruptedException;
import org.wasmbpf.host.spi.StopSignal;

/**
 * {@code poll_oneoff} for clock subscriptions (how wasi-libc's {@code sleep()} waits), woken by a
 * stop request: the wait then returns {@code EINTR}, so {@code sleep()} returns early and the
 * guest can report and exit. Subscriptions on fds are left to Chicory's own implementation.
 */
final class StoppablePollOneoff {
    private static final int SUBSCRIPTION_SIZE = 48;
    private static final int EVENT_SIZE = 32;
    private static final int EVENTTYPE_CLOCK = 0;
    private static final int CLOCK_REALTIME = 0;
    private static final int SUBSCRIPTION_CLOCK_ABSTIME = 1;

    private final WasiPreview1 wasi;
    private final StopSignal stop;
    private final Clock clock;

    StoppablePollOneoff(WasiPreview1 wasi, StopSignal stop, Clock clock) {
        this.wasi = wasi;
        this.stop = stop;
        this.clock = clock;
    }

    int call(Memory memory, int in, int out, int nsubscriptions, int neventsPtr) {
        if (stop.requested()) {
            return WasiErrno.EINTR;
        }
        if (nsubscriptions <= 0) {
            return WasiErrno.EINVAL;
        }
        long[] waits = new long[nsubscriptions];
        long shortest = Long.MAX_VALUE;
        for (int i = 0; i < nsubscriptions; i++) {
            int sub = in + i * SUBSCRIPTION_SIZE;
            if (memory.read(sub + 8) != EVENTTYPE_CLOCK) {
                return wasi.pollOneoff(memory, in, out, nsubscriptions, neventsPtr);
            }
            waits[i] = waitNanos(memory.readInt(sub + 16), memory.readLong(sub + 24), memory.readShort(sub + 40));
            shortest = Math.min(shortest, waits[i]);
        }
        if (sleep(shortest)) {
            return WasiErrno.EINTR;
        }
        int events = 0;
        for (int i = 0; i < nsubscriptions; i++) {
            if (waits[i] <= shortest) {
                int event = out + events++ * EVENT_SIZE;
                memory.writeLong(event, memory.readLong(in + i * SUBSCRIPTION_SIZE));
                memory.writeShort(event + 8, (short) WasiErrno.SUCCESS);
                memory.writeByte(event + 10, (byte) EVENTTYPE_CLOCK);
                memory.writeLong(event + 16, 0);
                memory.writeShort(event + 24, (short) 0);
            }
        }
        memory.writeI32(neventsPtr, events);
        return WasiErrno.SUCCESS;
    }

    private long waitNanos(int clockId, long timeout, short flags) {
        if ((flags & SUBSCRIPTION_CLOCK_ABSTIME) == 0) {
            return Math.max(0, timeout);
        }
        // Chicory reports the realtime clock from its Clock and every other clock from nanoTime.
        long now = clockId == CLOCK_REALTIME ? epochNanos(clock.instant()) : System.nanoTime();
        return Math.max(0, timeout - now);
    }

    private static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** As {@link StopSignal#sleep}, with the hard stop as Chicory's own exception, so the trap report names where. */
    private boolean sleep(long nanos) {
        try {
            return stop.sleep(nanos);
        } catch (GuestInterruptedException e) {
            throw new ChicoryInterruptedException("guest interrupted while sleeping", e);
        }
    }
}
