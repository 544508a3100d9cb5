package org.wasmbpf.bench;

/**
 * The report's like-for-like section (issue 24): CPU per event against native libbpf gathering
 * samples as the host does, delivery latency at a pace every consumer keeps up with, and the
 * steady-state series. Native libbpf tools are woken by the kernel per sample; the host gathers
 * 1 ms while samples stream, so "x native" compares unlike things at high rates.
 */
final class LatencyReport {
    static final double COALESCED_RATIO_GOAL = 2.0;
    static final double DEFAULT_P99_GOAL_NS = 2_000_000;
    static final double LOW_LATENCY_P99_GOAL_NS = 200_000;
    /** Consumers run with the host's --low-latency option carry this in their name. */
    static final String LOW_LATENCY = "-lowlat";

    private final BenchResults r;
    private final StringBuilder md;

    LatencyReport(BenchResults r, StringBuilder md) {
        this.r = r;
        this.md = md;
    }

    void write() {
        line("## Like for like, latency, steady state (issue 24)");
        line("");
        line("`native-coalesced` is `bench/c/evbench_native.c --gather-us 1000`: after a poll that delivered"
                + " samples it sleeps 1 ms and reads what came meanwhile, as the host's consumers do"
                + " (`BufferConsumer`), instead of being woken by the kernel for the first sample after each"
                + " drain; `x native-coalesced` compares each consumer with it on the same buffer and load."
                + " Latency is a sample's `bpf_ktime_get_ns()` to its callback on CLOCK_MONOTONIC, for every "
                + EventRun.PACED_LATENCY_EVERY + "th sample of the paced series and every " + EventRun.HIGH_RATE_LATENCY_EVERY + "th of the others"
                + " (a guest's clock read is a host call, ~10 us on Wasmtime, which at a high rate would cost more"
                + " than the delivery it measures),"
                + " measured inside each consumer (in a guest through WASI `clock_time_get`; `bench/c/latency.h`)."
                + " Under a burst it is mostly the backlog the generator builds; the `-paced` series run the"
                + " generator at " + r.pacedRate + " calls per second (" + r.pacedEvents + " calls), which"
                + " every consumer keeps up with, so there it is the delivery's own delay. The `-steady`"
                + " series are the burst's ring buffer with " + r.steadyEvents + " events, long enough for"
                + " the JIT to settle. `" + LOW_LATENCY + "` consumers run with `wasm-bpf run --low-latency`"
                + " (no gathering: woken per sample as native is).");
        line("");
        ReportWriter.Misses cpu = new ReportWriter.Misses();
        ReportWriter.Misses p99 = new ReportWriter.Misses();
        ReportWriter.Misses lowP99 = new ReportWriter.Misses();
        int lowMeasured = 0;
        StringBuilder unjudged = new StringBuilder();
        for (EventSeries s : r.eventSeries) {
            if (s.consumer().isNative()) {
                continue;
            }
            if (!s.load().equals(EventSeries.PACED)) {
                double ratio = r.ratioVsNativeCoalesced(s);
                if (Double.isNaN(ratio)) {
                    unjudged.append(unjudged.length() == 0 ? "" : ", ").append(s.name());
                } else if (!s.name().contains(LOW_LATENCY) && ratio > COALESCED_RATIO_GOAL) {
                    cpu.add(s.name(), String.format("%s %.2fx", s.name(), ratio));
                }
                continue;
            }
            boolean low = s.name().contains(LOW_LATENCY);
            lowMeasured += low ? 1 : 0;
            double goal = low ? LOW_LATENCY_P99_GOAL_NS : DEFAULT_P99_GOAL_NS;
            if (s.latP99Ns().isEmpty() || !(s.latP99Ns().median() <= goal)) {
                (low ? lowP99 : p99).add(s.name(), String.format("%s %s us", s.name(),
                        s.latP99Ns().isEmpty() ? "-" : String.format("%.0f", s.latP99Ns().median() / 1000)));
            }
        }
        line("- **CPU per event <= " + COALESCED_RATIO_GOAL + "x native-coalesced** (burst and steady, both buffers): "
                + cpu.verdict() + (unjudged.length() == 0 ? "" : " Not judged (native-coalesced's CPU read 0 ticks"
                + " of 10 ms, too few events): " + unjudged + "."));
        String jit = jitAgainstAllowance();
        if (!jit.isEmpty()) {
            line("- **The JIT alone against that goal** (median ms per run: the JIT compiler threads' CPU /"
                    + " the goal's whole allowance for the run, " + COALESCED_RATIO_GOAL + "x native-coalesced's CPU"
                    + " per event x events): " + jit + ". Compiling is a one-time cost of each JVM run that"
                    + " native code does not pay; where the first figure reaches the second, it uses up the"
                    + " allowance before any sample is delivered.");
        }
        line("- **delivery latency p99 <= " + (int) (DEFAULT_P99_GOAL_NS / 1e6) + " ms** (paced, default options): "
                + p99.verdict());
        line("- **p99 <= " + (int) (LOW_LATENCY_P99_GOAL_NS / 1e3) + " us with --low-latency** (paced): "
                + (lowMeasured == 0 ? "not measured in this run." : lowP99.verdict()));
        line("");
    }

    /** Each compiled-mode JVM series of the burst and steady loads: "name jit / allowance". */
    private String jitAgainstAllowance() {
        StringBuilder out = new StringBuilder();
        for (EventSeries s : r.eventSeries) {
            EventSeries coalesced = r.series(BenchResults.NATIVE_COALESCED, s.buffer(), s.load());
            Stats jit = s.threadCpuMs(ProcFs.JIT);
            if (s.consumer().isNative() || s.load().equals(EventSeries.PACED) || s.consumer().name().endsWith("-interpreted")
                    || coalesced == null || coalesced.cpuNsPerEvent().isEmpty() || jit.isEmpty() || !(jit.median() > 0)) {
                continue;
            }
            double allowanceMs = COALESCED_RATIO_GOAL * coalesced.cpuNsPerEvent().median() * s.produced() / 1e6;
            out.append(out.length() == 0 ? "" : ", ").append(String.format("%s %.0f / %.0f", s.name(), jit.median(), allowanceMs));
        }
        return out.toString();
    }

    private void line(String s) {
        md.append(s).append('\n');
    }
}
