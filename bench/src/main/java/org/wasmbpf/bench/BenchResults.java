package org.wasmbpf.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one bench run measured, for the report. */
final class BenchResults {
    /** Start-up and memory of one way of running bootstrap; warm is empty for native. */
    record StartupRow(String name, Stats coldMs, Stats warmMs, Long idleRssKib) {
        /** A reference row, native or the JVM floor, that no goal applies to. */
        boolean isReference() {
            return name.equals(NATIVE) || name.equals(JVM_FLOOR);
        }
    }

    /** The start-up row of native libbpf's bootstrap. */
    static final String NATIVE = "native";
    /** The start-up row of {@link JvmFloor}. */
    static final String JVM_FLOOR = "jvm-floor";

    long events;
    long perfEvents;
    /** Events of the steady-state series (0: not run). */
    long steadyEvents;
    /** Events and generator pace of the latency series. */
    long pacedEvents;
    long pacedRate;
    int reps;
    int startupReps;
    String machine = "";
    final List<EventSeries> eventSeries = new ArrayList<>();
    final List<StartupRow> startup = new ArrayList<>();
    /** Cold start-up phases per "runtime mode" label. */
    final Map<String, Map<String, Stats>> phases = new LinkedHashMap<>();
    /** Module path (relative to the repository) to its size in bytes. */
    final Map<String, Long> moduleSizes = new LinkedHashMap<>();
    /** What was not measured, and why. */
    final List<String> notes = new ArrayList<>();

    /** The consumer native libbpf tools are: woken by the kernel per sample. */
    static final String NATIVE_CONSUMER = "native";
    /** Native libbpf gathering samples 1 ms as the host does: the like-for-like baseline. */
    static final String NATIVE_COALESCED = "native-coalesced";

    /** Native's burst series on that buffer. */
    EventSeries nativeSeries(String buffer) {
        return series(NATIVE_CONSUMER, buffer, EventSeries.BURST);
    }

    /** The series of that consumer, buffer and load; null if it was not measured. */
    EventSeries series(String consumer, String buffer, String load) {
        for (EventSeries s : eventSeries) {
            if (s.consumer().name().equals(consumer) && s.buffer().equals(buffer) && s.load().equals(load)) {
                return s;
            }
        }
        return null;
    }

    /** The start-up row of that name; null if it was not measured. */
    StartupRow startupRow(String name) {
        for (StartupRow s : startup) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** Median CPU per event over native's on the same buffer and load; NaN without a native series. */
    double ratioVsNative(EventSeries s) {
        return ratio(s, series(NATIVE_CONSUMER, s.buffer(), s.load()));
    }

    /** As {@link #ratioVsNative}, against native gathering as the host does. */
    double ratioVsNativeCoalesced(EventSeries s) {
        return ratio(s, series(NATIVE_COALESCED, s.buffer(), s.load()));
    }

    private static double ratio(EventSeries s, EventSeries n) {
        // A reference below the CPU clock's 10 ms tick over the run reads 0: no ratio then.
        if (n == null || n.cpuNsPerEvent().isEmpty() || s.cpuNsPerEvent().isEmpty() || !(n.cpuNsPerEvent().median() > 0)) {
            return Double.NaN;
        }
        return s.cpuNsPerEvent().median() / n.cpuNsPerEvent().median();
    }
}
