package org.wasmbpf.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the benchmarks against programs scripts/bench.sh has built and rewrites docs/benchmarks.md.
 * Every figure it writes is also printed, as it is measured.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Event throughput, start-up, size and memory of wasm-bpf guests against native libbpf.")
public final class BenchMain implements Callable<Integer> {
    @Option(names = "--repo", description = "The repository root (default: .).")
    Path repo = Path.of(".");

    @Option(names = "--events", description = "getppid() calls per run (default: 2000000; --quick: 200000).")
    Long events;

    @Option(names = "--perf-events", description = "getppid() calls per perf-buffer run (default: --events / 4).")
    Long perfEvents;

    @Option(names = "--steady-events", description = "getppid() calls of the steady-state series (default: 20000000;"
            + " --quick: 2000000; 0: none).")
    Long steadyEvents;

    @Option(names = "--paced-events", description = "getppid() calls of the latency series (default: 40000).")
    Long pacedEvents;

    @Option(names = "--paced-rate", description = "Calls per second of the latency series (default: 20000).")
    long pacedRate = 20_000;

    @Option(names = "--reps", description = "Runs per event consumer (default: 3; --quick: 1).")
    Integer reps;

    @Option(names = "--startup-reps", description = "Cold/warm start-up runs each (default: 10; --quick: 3).")
    Integer startupReps;

    @Option(names = "--quick", description = "Fewer events and runs, for development.")
    boolean quick;

    @Option(names = "--out", description = "The report (default: docs/benchmarks.md under --repo).")
    Path out;

    @Option(names = "--machine", description = "The machine line of the report.")
    String machine = "";

    private Layout at;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        at = new Layout(repo.toAbsolutePath().normalize());
        BenchResults r = new BenchResults();
        r.events = events != null ? events : quick ? 200_000 : 2_000_000;
        r.perfEvents = perfEvents != null ? perfEvents : Math.max(1, r.events / 4);
        r.reps = reps != null ? reps : quick ? 1 : 3;
        r.steadyEvents = steadyEvents != null ? steadyEvents : quick ? 2_000_000 : 20_000_000;
        r.pacedEvents = pacedEvents != null ? pacedEvents : quick ? 10_000 : 40_000;
        r.pacedRate = pacedRate;
        r.startupReps = startupReps != null ? startupReps : quick ? 3 : 10;
        r.machine = machine;
        try {
            eventThroughput(r);
            startup(r);
            sizes(r);
        } catch (BenchException e) {
            System.err.println("bench: " + e.getMessage());
            return 1;
        }
        Path report = out != null ? out : at.root.resolve("docs/benchmarks.md");
        String chart = report.getFileName().toString().replaceFirst("\\.md$", "") + "-cpu.png";
        CpuChart.write(r.eventSeries.stream().filter(EventSeries::isBurst).toList(), report.resolveSibling(chart));
        Files.writeString(report, new ReportWriter(r, chart).write());
        System.out.println();
        ReportWriter.summaryLines(r).forEach(System.out::println);
        System.out.println("bench: wrote " + report + " and " + report.resolveSibling(chart));
        return 0;
    }

    private void eventThroughput(BenchResults r) throws IOException {
        if (!at.exists("bench/target/java-guest/evbench.wasm")) {
            r.notes.add("Java guest event consumers: bench/target/java-guest/evbench.wasm was not built.");
        }
        // Drains after the generator: a slow consumer must empty up to 16 MiB of samples.
        String loadgen = at.file("bench/target/c/loadgen");
        EventRun priming = new EventRun(loadgen, Math.max(1, r.events / 10), 180_000);
        for (String buffer : List.of("rb", "pb")) {
            List<Consumer> consumers = consumers(buffer);
            for (Consumer c : consumers) {
                prime(c, priming, buffer);
            }
            EventRun run = new EventRun(loadgen, buffer.equals("rb") ? r.events : r.perfEvents, 180_000);
            for (Consumer c : consumers) {
                List<EventResult> results = new ArrayList<>();
                for (int i = 0; i < r.reps; i++) {
                    EventResult e = run.run(c, buffer);
                    System.out.printf("events %s/%s run %d: consumed=%d kernel_drops=%d cpu_ms=%.0f ns/event=%.1f"
                            + " loadgen_ms=%.0f%n", c.name(), buffer, i + 1, e.consumed(), e.kernelDrops(),
                            e.cpuNanos() / 1e6, e.cpuNsPerEvent(), e.generatorNanos() / 1e6);
                    results.add(e);
                }
                r.eventSeries.add(new EventSeries(c, buffer, results));
            }
        }
        if (r.steadyEvents > 0) {
            series(r, EventSeries.STEADY, new EventRun(loadgen, r.steadyEvents, 600_000), 1,
                    consumers("rb").stream().filter(c -> !c.name().endsWith("-interpreted")).toList());
        }
        List<Consumer> paced = new ArrayList<>(consumers("rb").stream().filter(c -> !c.name().endsWith("-interpreted")).toList());
        List<Consumer> lowLatency = lowLatency(paced);
        // The launcher keeps a --low-latency run's class cache apart: recorded here, not by a measured run.
        lowLatency.forEach(c -> prime(c, priming, "rb"));
        paced.addAll(lowLatency);
        series(r, EventSeries.PACED, new EventRun(loadgen, r.pacedEvents, 60_000, r.pacedRate, EventRun.PACED_LATENCY_EVERY), r.reps, paced);
    }

    private void series(BenchResults r, String load, EventRun run, int reps, List<Consumer> consumers) {
        for (Consumer c : consumers) {
            List<EventResult> results = new ArrayList<>();
            for (int i = 0; i < reps; i++) {
                EventResult e = run.run(c, "rb");
                System.out.printf("events %s/rb/%s run %d: consumed=%d kernel_drops=%d cpu_ms=%.0f ns/event=%.1f"
                        + " lat_p50_us=%.1f lat_p99_us=%.1f%n", c.name(), load, i + 1, e.consumed(), e.kernelDrops(),
                        e.cpuNanos() / 1e6, e.cpuNsPerEvent(), e.latP50Ns() / 1e3, e.latP99Ns() / 1e3);
                results.add(e);
            }
            r.eventSeries.add(new EventSeries(c, "rb", load, results));
        }
    }

    /** The JVM consumers once more with the host's --low-latency option (no gathering). */
    private List<Consumer> lowLatency(List<Consumer> consumers) {
        List<Consumer> out = new ArrayList<>();
        for (Consumer c : consumers) {
            if (!c.isNative()) {
                List<String> cmd = new ArrayList<>(c.command());
                cmd.add(2, "--low-latency"); // after "wasm-bpf run"
                out.add(new Consumer(c.name() + LatencyReport.LOW_LATENCY, c.language(), c.engine(), cmd));
            }
        }
        return out;
    }

    /**
     * The consumers of one buffer kind. The perf series runs a copy of each guest module: the
     * launcher keeps one class cache per module file, with the JIT's profiles of the run that made
     * it, and a perf tool's cache is made by a perf run, not by the ring-buffer series' priming.
     */
    private List<Consumer> consumers(String buffer) throws IOException {
        List<Consumer> consumers = new ArrayList<>();
        String nativeConsumer = at.file("bench/target/c/evbench_native");
        consumers.add(new Consumer(BenchResults.NATIVE_CONSUMER, "native", "libbpf", List.of(nativeConsumer)));
        consumers.add(new Consumer(BenchResults.NATIVE_COALESCED, "native", "libbpf, 1 ms gathering",
                List.of(nativeConsumer, "--gather-us", "1000")));
        addGuests(consumers, "c", module("bench/target/c/guest/evbench.wasm", buffer));
        if (at.exists("bench/target/java-guest/evbench.wasm")) {
            addGuests(consumers, "java", module("bench/target/java-guest/evbench.wasm", buffer));
        }
        return consumers;
    }

    private String module(String wasm, String buffer) throws IOException {
        if (buffer.equals("rb")) {
            return at.file(wasm);
        }
        Path copy = at.root.resolve(wasm.replaceFirst("\\.wasm$", "-" + buffer + ".wasm"));
        Files.copy(at.root.resolve(wasm), copy, StandardCopyOption.REPLACE_EXISTING);
        return copy.toString();
    }

    /**
     * Unmeasured runs with events of the buffer kind measured next, as a user's first runs of a
     * tool: they fill Chicory's compiled-class cache and the object's kernel BTF, and record the
     * launcher's class cache while the tool works (on JDK 25 that cache also keeps the module's generated classes and the JIT's
     * profiles of the run), so no measured run makes either.
     */
    private void prime(Consumer c, EventRun priming, String buffer) {
        if (c.isNative()) {
            return;
        }
        LauncherCache.prime(() -> priming.run(c, buffer));
    }

    private void addGuests(List<Consumer> list, String lang, String wasm) {
        list.add(new Consumer(lang + "-chicory-compiled", lang, "chicory compiler", at.launch("chicory", "compiler", wasm)));
        list.add(new Consumer(lang + "-chicory-interpreted", lang, "chicory interpreter", at.launch("chicory", "interpreter", wasm)));
        list.add(new Consumer(lang + "-wasmtime", lang, "wasmtime", at.launch("wasmtime", "compiler", wasm)));
    }

    private void startup(BenchResults r) {
        StartupBench sb = new StartupBench(at.embeddedStart());
        Map<String, List<String>> commands = new LinkedHashMap<>();
        Map<String, Stats> warm = new LinkedHashMap<>();
        commands.put(BenchResults.NATIVE, List.of(at.file("bench/target/c/bootstrap_native")));
        commands.put(BenchResults.JVM_FLOOR, at.jvmFloor());
        Map<String, String> wasm = new LinkedHashMap<>();
        wasm.put("c", at.file("examples-c/target/bootstrap.wasm"));
        if (at.exists("examples-java/target/bootstrap.wasm")) {
            wasm.put("java", at.file("examples-java/target/bootstrap.wasm"));
        } else {
            r.notes.add("Java bootstrap start-up: examples-java/target/bootstrap.wasm was not built.");
        }
        String[][] engines = {{"chicory", "compiler", "chicory-compiled"}, {"chicory", "interpreter", "chicory-interpreted"},
            {"wasmtime", "compiler", "wasmtime"}};
        for (Map.Entry<String, String> w : wasm.entrySet()) {
            for (String[] e : engines) {
                String name = w.getKey() + "-" + e[2];
                commands.put(name, at.launch(e[0], e[1], w.getValue()));
                warm.put(name, sb.warm(e[0], e[1], w.getValue(), r.startupReps));
                System.out.printf("start-up %s: warm_ms=%s%n", name, warm.get(name).format(1));
            }
        }
        Map<String, Stats> cold = sb.coldInTurns(commands, r.startupReps);
        commands.forEach((name, cmd) -> {
            long rss = sb.idleRssKib(name, cmd);
            System.out.printf("start-up %s: cold_ms=%s warm_ms=%s idle_rss_mib=%.1f%n", name, cold.get(name).format(1),
                    warm.containsKey(name) ? warm.get(name).format(1) : "-", rss / 1024.0);
            r.startup.add(new BenchResults.StartupRow(name, cold.get(name), warm.get(name), rss));
        });
        int phaseReps = Math.max(1, Math.min(3, r.startupReps));
        for (String[] e : engines) {
            Map<String, Stats> phases = sb.coldPhases(e[0], e[1], wasm.get("c"), phaseReps);
            System.out.println("start-up phases " + e[2] + ": " + phases);
            r.phases.put(e[2], phases);
        }
    }

    private void sizes(BenchResults r) throws IOException {
        for (String m : List.of("examples-c/target/bootstrap.wasm", "examples-c/target/runqlat.wasm",
                "examples-java/target/bootstrap.wasm", "bench/target/c/guest/evbench.wasm",
                "bench/target/java-guest/evbench.wasm")) {
            if (at.exists(m)) {
                r.moduleSizes.put(m, Files.size(at.root.resolve(m)));
                System.out.println("size " + m + ": " + r.moduleSizes.get(m));
            }
        }
    }

    /** Where scripts/bench.sh put what it built. */
    private record Layout(Path root) {
        String file(String rel) {
            Path p = root.resolve(rel);
            if (!Files.exists(p)) {
                throw new BenchException(rel + ": missing (run ./scripts/bench.sh, which builds it)");
            }
            return p.toString();
        }

        boolean exists(String rel) {
            return Files.exists(root.resolve(rel));
        }

        /** As a user starts it: through the ./wasm-bpf launcher, with its JDK choice and class cache. */
        List<String> launch(String runtime, String mode, String wasm) {
            List<String> cmd = new ArrayList<>(List.of(file("wasm-bpf"), "run", "--runtime", runtime));
            if (runtime.equals("chicory")) {
                cmd.addAll(List.of("--mode", mode));
            }
            cmd.add(wasm);
            return cmd;
        }

        /** {@link JvmFloor} on the launcher's java and options, from the bench's own jar alone. */
        List<String> jvmFloor() {
            List<String> cmd = new ArrayList<>(LauncherJava.of(file("wasm-bpf")));
            try {
                cmd.addAll(List.of("-cp", Path.of(JvmFloor.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                        .toString(), JvmFloor.class.getName()));
            } catch (URISyntaxException e) {
                throw new BenchException("cannot locate the bench's jar: " + e.getMessage());
            }
            return cmd;
        }

        /** EmbeddedStart on the JDK (and with the options) the launcher picks, without its class cache. */
        List<String> embeddedStart() {
            List<String> cmd = new ArrayList<>(LauncherJava.of(file("wasm-bpf")));
            cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    EmbeddedStart.class.getName()));
            return cmd;
        }
    }
}
