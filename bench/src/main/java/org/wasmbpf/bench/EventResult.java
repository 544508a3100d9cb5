package org.wasmbpf.bench;

import java.util.Map;

/**
 * One run of one event consumer: what it got, what the kernel could not hand over, what it cost,
 * and how late samples reached it (p50/p99 ns; -1 when the consumer did not say).
 */
public record EventResult(long produced, long consumed, long kernelDrops, long cpuNanos, long generatorNanos,
        Map<String, Long> cpuByThread, long latP50Ns, long latP99Ns) {
    public long dropped() {
        return produced - consumed;
    }

    public double cpuNsPerEvent() {
        return consumed == 0 ? Double.NaN : (double) cpuNanos / consumed;
    }
}
