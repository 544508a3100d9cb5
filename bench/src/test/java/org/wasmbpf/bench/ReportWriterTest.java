package org.wasmbpf.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's summary lines and goal verdicts, from made-up results (pure formatting logic). */
class ReportWriterTest {
    private static EventSeries series(String name, String language, String buffer, long consumed, long cpuNanos) {
        Consumer c = new Consumer(name, language, language.equals("native") ? "native" : "chicory", List.of());
        EventResult run = new EventResult(1000, consumed, 0, cpuNanos, 0, Map.of(), 20_000, 900_000);
        return new EventSeries(c, buffer, List.of(run, run, run));
    }

    /** Adds a ring-buffer series of that load, run by a C guest (or native, by its name). */
    private static void add(BenchResults r, String name, String load, EventResult... runs) {
        boolean isNative = name.startsWith("native");
        Consumer c = new Consumer(name, isNative ? "native" : "c", isNative ? "native" : "chicory", List.of());
        r.eventSeries.add(new EventSeries(c, "rb", load, List.of(runs)));
    }

    private static BenchResults results() {
        BenchResults r = new BenchResults();
        r.events = 1000;
        r.perfEvents = 250;
        r.reps = 3;
        r.startupReps = 3;
        r.machine = "test";
        r.eventSeries.add(series("native", "native", "rb", 1000, 300_000));
        r.eventSeries.add(series("native-coalesced", "native", "rb", 1000, 100_000));
        r.eventSeries.add(series("c-chicory-compiled", "c", "rb", 1000, 150_000));
        r.eventSeries.add(series("c-chicory-interpreted", "c", "rb", 990, 891_000));
        Stats native50 = Stats.of(List.of(50.0, 50.0, 50.0));
        r.startup.add(new BenchResults.StartupRow(BenchResults.NATIVE, native50, null, 4000L));
        r.startup.add(new BenchResults.StartupRow(BenchResults.JVM_FLOOR, Stats.of(List.of(80.0)), null, 40000L));
        r.startup.add(new BenchResults.StartupRow("c-chicory", Stats.of(List.of(130.0, 131.0, 129.0)),
                Stats.of(List.of(8.0, 9.0, 10.0)), 70000L));
        r.startup.add(new BenchResults.StartupRow("c-wasmtime", Stats.of(List.of(110.0)),
                Stats.of(List.of(30.0)), 90000L));
        return r;
    }

    @Test
    void summaryLinesHaveTheIssuesExactForm() {
        assertEquals(List.of(
                "consumer=native events=1000 dropped=0 cpu_ns_per_event=300.0 ratio_vs_native=1.00"
                        + " lat_p50_ns=20000 lat_p99_ns=900000 ratio_vs_native_coalesced=3.00",
                "consumer=native-coalesced events=1000 dropped=0 cpu_ns_per_event=100.0 ratio_vs_native=0.33"
                        + " lat_p50_ns=20000 lat_p99_ns=900000 ratio_vs_native_coalesced=1.00",
                "consumer=c-chicory-compiled events=1000 dropped=0 cpu_ns_per_event=150.0 ratio_vs_native=0.50"
                        + " lat_p50_ns=20000 lat_p99_ns=900000 ratio_vs_native_coalesced=1.50",
                "consumer=c-chicory-interpreted events=1000 dropped=10 cpu_ns_per_event=900.0 ratio_vs_native=3.00"
                        + " lat_p50_ns=20000 lat_p99_ns=900000 ratio_vs_native_coalesced=9.00"),
                ReportWriter.summaryLines(results()));
    }

    @Test
    void goalsNameWhoMissesThemApartFromTheInterpreterMode() {
        String md = new ReportWriter(results(), "chart.png").write();
        assertTrue(md.contains("- **0 dropped wherever native drops 0** (2 series where native dropped nothing):"
                + " met by every consumer in a default mode; in the interpreter mode missed by"
                + " c-chicory-interpreted (median 10, max 10)."), md);
        assertTrue(md.contains("- **CPU per event <= 1.0x native**: met by every consumer in a default mode;"
                + " in the interpreter mode missed by c-chicory-interpreted 3.00x."), md);
        assertTrue(md.contains("- **exec-to-attached <= 120 ms cold**: missed in a default mode by c-chicory 130 ms;"
                + " met in the interpreter mode too."), md);
        assertTrue(md.contains("- **<= 25 ms warm**: missed in a default mode by c-wasmtime 30.0 ms;"
                + " met in the interpreter mode too."), md);
    }

    @Test
    void likeForLikeGoalsAreJudgedAgainstNativeCoalescedAndPacedLatency() {
        BenchResults r = results();
        add(r, "c-wasmtime", EventSeries.PACED, new EventResult(1000, 1000, 0, 1, 0, Map.of(), 50_000, 3_000_000));
        add(r, "c-wasmtime-lowlat", EventSeries.PACED, new EventResult(1000, 1000, 0, 1, 0, Map.of(), 20_000, 150_000));
        String md = new ReportWriter(r, "chart.png").write();
        assertTrue(md.contains("- **CPU per event <= 2.0x native-coalesced** (burst and steady, both buffers): met by"
                + " every consumer in a default mode; in the interpreter mode missed by c-chicory-interpreted 9.00x."), md);
        assertTrue(md.contains("- **delivery latency p99 <= 2 ms** (paced, default options): missed in a default mode"
                + " by c-wasmtime-paced 3000 us; met in the interpreter mode too."), md);
        assertTrue(md.contains("- **p99 <= 200 us with --low-latency** (paced): met by every consumer in a default"
                + " mode; met in the interpreter mode too."), md);
    }

    @Test
    void setsTheJitsCpuAgainstTheCpuGoalsWholeAllowanceForTheRun() {
        BenchResults r = results();
        add(r, "native-coalesced", EventSeries.STEADY,
                new EventResult(20_000_000, 20_000_000, 0, 320_000_000, 0, Map.of(), 500_000, 1_000_000));
        EventResult jit150 = new EventResult(20_000_000, 20_000_000, 0, 1_000_000_000, 0,
                Map.of(ProcFs.JIT, 150_000_000L, "wasm-bpf-guest", 850_000_000L), 500_000, 1_000_000);
        add(r, "c-chicory-compiled", EventSeries.STEADY, jit150, jit150, jit150);
        String md = new ReportWriter(r, "chart.png").write();
        // 2 x 16 ns x 20M events = 640 ms; the burst series here report no JIT and are left out.
        assertTrue(md.contains("the goal's whole allowance for the run, 2.0x native-coalesced's CPU per event x events):"
                + " c-chicory-compiled-steady 150 / 640."), md);
    }

    @Test
    void saysHowThisMachineComparesWithTheIssues() {
        String md = new ReportWriter(results(), "chart.png").write();
        assertTrue(md.contains("In this run native took 50.0 ms (3.0x) and 300 ns per event (1.4x), and a bare JVM"
                + " (jvm-floor) 80.0 ms"), md);
    }
}
