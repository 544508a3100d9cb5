package org.wasmbpf.bench.guest;

import org.teavm.interop.Address;
import org.teavm.interop.Import;

/**
 * Delivery latency as bench/c/latency.h measures it, bucket for bucket: every {@code every}-th sample's
 * bpf_ktime_get_ns() to now on CLOCK_MONOTONIC (WASI clock_time_get, the same clock), in a
 * log-linear histogram of 16 sub-buckets per power of two.
 */
final class Latency {
    static final int DEFAULT_EVERY = 16;
    private static final int SUB_BITS = 4;
    private static final int CLOCK_MONOTONIC = 1;

    private final long[] counts = new long[64 << SUB_BITS];
    private final long[] now = new long[1];
    private final long every;
    private long seen;
    private long timed;

    Latency(long every) {
        this.every = every > 0 ? every : DEFAULT_EVERY;
    }

    @Import(module = "wasi_snapshot_preview1", name = "clock_time_get")
    private static native int clockTimeGet(int clock, long precision, Address time);

    void sample(long tsNs) {
        if (seen++ % every != 0) {
            return;
        }
        long[] t = now;
        clockTimeGet(CLOCK_MONOTONIC, 1, Address.ofData(t));
        long ns = t[0] - tsNs;
        counts[bucket(ns < 0 ? 0 : ns)]++;
        timed++;
    }

    long percentile(double q) {
        long want = (long) (timed * q / 100.0);
        long acc = 0;
        for (int b = 0; b < counts.length; b++) {
            acc += counts[b];
            if (acc > want) {
                return low(b);
            }
        }
        return 0;
    }

    private static int bucket(long ns) {
        if (ns < 1L << SUB_BITS) {
            return (int) ns;
        }
        int e = 63 - Long.numberOfLeadingZeros(ns);
        int sub = (int) (ns >>> (e - SUB_BITS) & ((1 << SUB_BITS) - 1));
        return (e - SUB_BITS + 1 << SUB_BITS) + sub;
    }

    private static long low(int b) {
        if (b < 1 << SUB_BITS) {
            return b;
        }
        int e = (b >> SUB_BITS) + SUB_BITS - 1;
        long sub = b & (1 << SUB_BITS) - 1;
        return 1L << e | sub << (e - SUB_BITS);
    }
}
