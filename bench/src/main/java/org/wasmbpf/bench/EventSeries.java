package org.wasmbpf.bench;

import java.util.List;

/**
 * The repeated runs of one consumer on one buffer kind ("rb" or "pb") and load: {@link #BURST}
 * (the generator as fast as it can), {@link #STEADY} (the same, ten times longer) or
 * {@link #PACED} (a fixed rate every consumer keeps up with, for delivery latency).
 */
public record EventSeries(Consumer consumer, String buffer, String load, List<EventResult> runs) {
    public static final String BURST = "burst";
    public static final String STEADY = "steady";
    public static final String PACED = "paced";

    public EventSeries(Consumer consumer, String buffer, List<EventResult> runs) {
        this(consumer, buffer, BURST, runs);
    }

    /**
     * The report's name: {@code c-wasmtime} on the ring buffer, {@code c-wasmtime-perf} on the
     * perf buffer, {@code c-wasmtime-steady} and {@code c-wasmtime-paced} for the other loads.
     */
    public String name() {
        String name = buffer.equals("pb") ? consumer.name() + "-perf" : consumer.name();
        return load.equals(BURST) ? name : name + "-" + load;
    }

    public boolean isBurst() {
        return load.equals(BURST);
    }

    /** Median over the runs of each run's delivery latency percentile; empty when not reported. */
    public Stats latP50Ns() {
        return Stats.of(runs.stream().filter(r -> r.latP50Ns() >= 0).map(r -> (double) r.latP50Ns()).toList());
    }

    public Stats latP99Ns() {
        return Stats.of(runs.stream().filter(r -> r.latP99Ns() >= 0).map(r -> (double) r.latP99Ns()).toList());
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

    /** Median over the runs of the CPU of one kind of thread ({@link ProcFs#cpuNanosByThread}), in ms. */
    public Stats threadCpuMs(String kind) {
        return Stats.of(runs.stream().map(r -> r.cpuByThread().getOrDefault(kind, 0L) / 1e6).toList());
    }

    public Stats generatorMs() {
        return Stats.of(runs.stream().map(r -> r.generatorNanos() / 1e6).toList());
    }
}
