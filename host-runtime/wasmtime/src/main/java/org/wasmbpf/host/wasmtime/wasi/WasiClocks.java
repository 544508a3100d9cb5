package org.wasmbpf.host.wasmtime.wasi;

import static org.wasmbpf.host.spi.ValType.I32;
import static org.wasmbpf.host.spi.ValType.I64;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.wasmbpf.host.imports.WasiErrno;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.HostFunction;
import org.wasmbpf.host.spi.StopSignal;

/**
 * {@code clock_time_get}, {@code clock_res_get} and {@code poll_oneoff}. Poll supports what
 * wasi-libc's {@code sleep}/{@code nanosleep} use, clock subscriptions; fd subscriptions on the
 * standard streams are reported ready at once. A stop request makes a poll in progress or
 * started later return EINTR, so {@code sleep()} returns early and the guest can report and exit.
 */
final class WasiClocks {
    private static final int CLOCK_REALTIME = 0;
    private static final int SUBSCRIPTION_SIZE = 48;
    private static final int EVENT_SIZE = 32;
    private static final int EVENTTYPE_CLOCK = 0;
    private static final int SUBCLOCKFLAG_ABSTIME = 1;

    private final StopSignal stop;

    WasiClocks(StopSignal stop) {
        this.stop = stop;
    }

    List<HostFunction> functions() {
        return List.of(
                new HostFunction(WasiPreview1.MODULE, "clock_time_get", List.of(I32, I64, I32), List.of(I32),
                        (g, a) -> new long[] {WasiPreview1.guarded(() -> timeGet(g, (int) a[0], (int) a[2]))}),
                new HostFunction(WasiPreview1.MODULE, "clock_res_get", List.of(I32, I32), List.of(I32),
                        (g, a) -> new long[] {WasiPreview1.guarded(() -> {
                            WasiMemory.writeI64(g, (int) a[1], 1_000L);
                            return WasiErrno.SUCCESS;
                        })}),
                new HostFunction(WasiPreview1.MODULE, "poll_oneoff", List.of(I32, I32, I32, I32), List.of(I32),
                        (g, a) -> new long[] {WasiPreview1.guarded(
                                () -> pollOneoff(g, (int) a[0], (int) a[1], (int) a[2], (int) a[3]))}));
    }

    private long now(int clock) {
        if (clock == CLOCK_REALTIME) {
            Instant t = Instant.now();
            return t.getEpochSecond() * 1_000_000_000L + t.getNano();
        }
        // The kernel's CLOCK_MONOTONIC itself (HotSpot's nanoTime on Linux), not time since the
        // start: a guest compares it with its samples' bpf_ktime_get_ns() stamps, as Chicory's
        // WASI and a native tool's clock_gettime allow.
        return System.nanoTime();
    }

    private int timeGet(GuestInstance g, int clock, int resultPtr) {
        if (clock < 0 || clock > 3) {
            return WasiErrno.EINVAL;
        }
        WasiMemory.writeI64(g, resultPtr, now(clock));
        return WasiErrno.SUCCESS;
    }

    private int pollOneoff(GuestInstance g, int in, int out, int count, int eventCountPtr) {
        if (stop.requested()) {
            return WasiErrno.EINTR;
        }
        if (count <= 0) {
            return WasiErrno.EINVAL;
        }
        ByteBuffer subs = WasiMemory.read(g, in, Math.multiplyExact(count, SUBSCRIPTION_SIZE));
        long start = System.nanoTime();
        long[] due = new long[count]; // System.nanoTime() when each subscription fires
        long first = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            int base = i * SUBSCRIPTION_SIZE;
            due[i] = subs.get(base + 8) == EVENTTYPE_CLOCK ? start + clockDelay(subs, base) : start;
            first = Math.min(first, due[i]);
        }
        if (first > start && stop.sleep(first - start)) {
            return WasiErrno.EINTR;
        }
        long now = System.nanoTime();
        ByteBuffer events = WasiMemory.struct(count * EVENT_SIZE);
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (due[i] - now <= 0) {
                int base = i * SUBSCRIPTION_SIZE;
                events.putLong(n * EVENT_SIZE, subs.getLong(base));
                events.put(n * EVENT_SIZE + 10, subs.get(base + 8));
                n++;
            }
        }
        byte[] used = new byte[n * EVENT_SIZE];
        events.get(0, used);
        if (n > 0) {
            WasiMemory.write(g, out, ByteBuffer.wrap(used));
        }
        WasiMemory.writeI32(g, eventCountPtr, n);
        return WasiErrno.SUCCESS;
    }

    /** Nanoseconds from now until the clock subscription at {@code base} fires, at least 0. */
    private long clockDelay(ByteBuffer subs, int base) {
        int clock = subs.getInt(base + 16);
        long timeout = subs.getLong(base + 24);
        boolean absolute = (subs.getShort(base + 40) & SUBCLOCKFLAG_ABSTIME) != 0;
        return Math.max(0, absolute ? timeout - now(clock) : timeout);
    }
}
