package org.wasmbpf.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Exec-to-attached (bootstrap's header line) cold and warm, phases of a cold start, idle RSS. */
public final class StartupBench {
    /** The phases EmbeddedStart reports, in order, with what the report calls them. */
    static final Map<String, String> PHASES = phases();
    private static final Pattern FIELD = Pattern.compile("(\\w+)_ms=([0-9.]+|NaN)");
    private static final String HEADER = "TIME";

    private final List<String> embeddedStart;

    /** {@code embeddedStart}: the command that runs {@link EmbeddedStart} in a new JVM. */
    public StartupBench(List<String> embeddedStart) {
        this.embeddedStart = embeddedStart;
    }

    private static Map<String, String> phases() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("jvm", "JVM start to main()");
        m.put("bind", "binding of libbpf (java.lang.foreign on JDK 22+, else jnr-ffi)");
        m.put("instantiate", "module parse/compile/link (WasmBpfHost.start)");
        m.put("loaded", "guest start + BPF object open/load");
        m.put("attached", "attach");
        m.put("header", "ring buffer open + header line");
        return m;
    }

    /**
     * Exec to the header line of each command, {@code reps} new processes each after cache-priming
     * runs ({@link LauncherCache#prime}). The commands take turns, so that the machine's drift over the
     * minutes this takes falls on all of them alike.
     */
    public Map<String, Stats> coldInTurns(Map<String, List<String>> commands, int reps) {
        commands.forEach((label, command) -> LauncherCache.prime(() -> once(label, command)));
        Map<String, List<Double>> ms = new LinkedHashMap<>();
        commands.keySet().forEach(k -> ms.put(k, new ArrayList<>()));
        for (int i = 0; i < reps; i++) {
            commands.forEach((label, command) -> ms.get(label).add(once(label, command)));
        }
        Map<String, Stats> out = new LinkedHashMap<>();
        ms.forEach((k, v) -> out.put(k, Stats.of(v)));
        return out;
    }

    private static double once(String label, List<String> command) {
        try (LineProcess p = LineProcess.start(label, command)) {
            LineProcess.Line header = p.awaitStdout(HEADER, 60_000);
            double ms = (header.nanos() - p.startNanos()) / 1e6;
            p.terminate();
            return ms;
        }
    }

    /** VmRSS of the process 2 s after the header line, idle (nothing execs meanwhile but the bench). */
    public long idleRssKib(String label, List<String> command) {
        try (LineProcess p = LineProcess.start(label, command)) {
            p.awaitStdout(HEADER, 60_000);
            sleep(2000);
            long kib = ProcFs.rssKib(ProcFs.jvmOf(p.pid()));
            p.terminate();
            return kib;
        }
    }

    /** Header time of starts 2..reps inside one JVM through the embedding API. */
    public Stats warm(String runtime, String mode, String wasm, int reps) {
        List<Map<String, Double>> runs = embedded(runtime, mode, wasm, reps, false);
        List<Double> ms = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            ms.add(runs.get(i).get("header"));
        }
        return Stats.of(ms);
    }

    /**
     * Median of each phase of a cold start in {@code reps} new JVMs (libbpf bound first so that its
     * cost shows on its own), as the time each phase adds, in {@link #PHASES} order.
     */
    public Map<String, Stats> coldPhases(String runtime, String mode, String wasm, int reps) {
        Map<String, List<Double>> add = new LinkedHashMap<>();
        PHASES.keySet().forEach(k -> add.put(k, new ArrayList<>()));
        for (int i = 0; i < reps; i++) {
            Map<String, Double> r = embedded(runtime, mode, wasm, 1, true).get(0);
            add.get("jvm").add(r.get("jvm"));
            add.get("bind").add(r.get("bind"));
            add.get("instantiate").add(r.get("instantiate"));
            add.get("loaded").add(r.get("loaded") - r.get("instantiate"));
            add.get("attached").add(r.get("attached") - r.get("loaded"));
            add.get("header").add(r.get("header") - r.get("attached"));
        }
        Map<String, Stats> out = new LinkedHashMap<>();
        add.forEach((k, v) -> out.put(k, Stats.of(v)));
        return out;
    }

    private List<Map<String, Double>> embedded(String runtime, String mode, String wasm, int reps, boolean bindFirst) {
        List<String> cmd = new ArrayList<>(embeddedStart);
        cmd.addAll(List.of(runtime, mode, Integer.toString(reps)));
        if (bindFirst) {
            cmd.add("--bind-first");
        }
        cmd.add(wasm);
        String label = "embedded-" + runtime + "-" + mode;
        List<Map<String, Double>> runs = new ArrayList<>();
        try (LineProcess p = LineProcess.start(label, cmd)) {
            double jvm = (p.awaitStdout("main", 60_000).nanos() - p.startNanos()) / 1e6;
            for (int i = 1; i <= reps; i++) {
                String line = p.awaitStdout("rep=" + i + " ", 120_000).text();
                Map<String, Double> r = new LinkedHashMap<>();
                r.put("jvm", jvm);
                Matcher m = FIELD.matcher(line);
                while (m.find()) {
                    r.put(m.group(1), Double.parseDouble(m.group(2)));
                }
                runs.add(r);
            }
            p.waitExit(30_000);
        }
        return runs;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
