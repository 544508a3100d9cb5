package org.wasmbpf.bench;

import java.util.List;

/** The repeated runs of one consumer on one buffer kind ("rb" or "pb"). */
public record EventSeries(Consumer consumer, String buffer, List<EventResult> runs) {
    /** The report's name: {@code c-wasmtime} on the ring buffer, {@code c-wasmtime-perf} on the perf buffer. */
    public String name() {
        return buffer.equals("pb") ? consumer.name() + "-perf" : consumer.name();
    }

    public long produced() {
        return runs.get(0).produced();
    }

    public Stats dropped() {
        return Stats.of(runs.stream().map(r -> (double) r.dropped()).toList());
    }

    public Stats kernelDrops() {
        return Stats.of(runs.stream().map(r -> (double) r.kernelDrops()).toList());
    }

    public Stats consumed() {
        return Stats.of(runs.stream().map(r -> (double) r.consumed()).toList());
    }

    public Stats cpuMs() {
        return Stats.of(runs.stream().map(r -> r.cpuNanos() / 1e6).toList());
    }

    public Stats cpuNsPerEvent() {
        return Stats.of(runs.stream().map(EventResult::cpuNsPerEvent).filter(d -> !d.isNaN()).toList());
    }

    public Stats generatorMs() {
        return Stats.of(runs.stream().map(r -> r.generatorNanos() / 1e6).toList());
    }
}
