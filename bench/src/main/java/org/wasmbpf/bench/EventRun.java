package org.wasmbpf.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One event-throughput run (protocol: bench/c/consumer-protocol.txt): the load generator starts
 * paused, the consumer gets its pid for the BPF filter, says "ready" once attached; then the
 * generator is released and the consumer's CPU time is taken from "ready" to its "done" line.
 */
public final class EventRun {
    private static final Pattern DONE =
            Pattern.compile("done consumed=(\\d+) kernel_drops=(\\d+)(?: lat_p50_ns=(\\d+) lat_p99_ns=(\\d+))?");
    private static final Pattern LOADGEN = Pattern.compile("loadgen calls=\\d+ elapsed_ns=(\\d+)");

    private final String loadgen;
    private final long events;
    private final long drainTimeoutMs;
    private final long ratePerSecond;
    private final long latencyEvery;

    /** As fast as the generator can, timing few samples (see {@link #HIGH_RATE_LATENCY_EVERY}). */
    public EventRun(String loadgen, long events, long drainTimeoutMs) {
        this(loadgen, events, drainTimeoutMs, 0, HIGH_RATE_LATENCY_EVERY);
    }

    /**
     * Every how many samples a consumer of a run at full speed reads the clock: on Wasmtime each
     * read is a host call of ~10 us, which at every 16th sample added ~600 ns to each event's CPU
     * and made the consumer drop half of a 2M-event burst.
     */
    public static final long HIGH_RATE_LATENCY_EVERY = 4096;
    /** At a pace every consumer keeps up with, clock reads are cheap enough for every 16th sample. */
    public static final long PACED_LATENCY_EVERY = 16;

    /**
     * @param ratePerSecond the generator's pace; 0 for as fast as it can
     * @param latencyEvery every how many samples the consumer times one
     */
    public EventRun(String loadgen, long events, long drainTimeoutMs, long ratePerSecond, long latencyEvery) {
        this.loadgen = loadgen;
        this.events = events;
        this.drainTimeoutMs = drainTimeoutMs;
        this.ratePerSecond = ratePerSecond;
        this.latencyEvery = latencyEvery;
    }

    public EventResult run(Consumer consumer, String buffer) {
        String label = consumer.name() + "/" + buffer;
        try (LineProcess gen = LineProcess.start("loadgen",
                List.of(loadgen, Long.toString(events), Long.toString(ratePerSecond)))) {
            List<String> cmd = new ArrayList<>(consumer.command());
            cmd.addAll(List.of(buffer, Long.toString(gen.pid()), Long.toString(events), Long.toString(latencyEvery)));
            try (LineProcess con = LineProcess.start(label, cmd)) {
                con.awaitStdout("ready", 120_000);
                long pid = ProcFs.jvmOf(con.pid());
                long cpuAtReady = ProcFs.cpuNanos(pid);
                Map<String, Long> threadsAtReady = ProcFs.cpuNanosByThread(pid);
                release(gen);
                LineProcess.Line genDone = gen.awaitStdout("loadgen ", 120_000);
                Matcher g = LOADGEN.matcher(genDone.text());
                long genNanos = g.matches() ? Long.parseLong(g.group(1)) : -1;
                Matcher m;
                long cpuAtDone;
                Map<String, Long> threadsAtDone;
                try {
                    LineProcess.Line done = con.awaitStdout("done ", drainTimeoutMs);
                    cpuAtDone = ProcFs.cpuNanos(pid);
                    threadsAtDone = ProcFs.cpuNanosByThread(pid);
                    m = parse(label, done.text());
                } catch (BenchException slow) {
                    // still draining after the limit: stop it, it reports what it has
                    cpuAtDone = ProcFs.cpuNanos(pid);
                    threadsAtDone = ProcFs.cpuNanosByThread(pid);
                    con.terminate();
                    m = parse(label, con.awaitStdout("done ", 5_000).text());
                }
                con.terminate();
                Map<String, Long> byThread = new TreeMap<>();
                threadsAtDone.forEach((k, v) -> byThread.put(k, v - threadsAtReady.getOrDefault(k, 0L)));
                return new EventResult(events, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), cpuAtDone - cpuAtReady,
                        genNanos, byThread, m.group(3) == null ? -1 : Long.parseLong(m.group(3)),
                        m.group(4) == null ? -1 : Long.parseLong(m.group(4)));
            }
        }
    }

    private static Matcher parse(String label, String line) {
        Matcher m = DONE.matcher(line);
        if (!m.matches()) {
            throw new BenchException(label + ": unexpected result line '" + line + "'");
        }
        return m;
    }

    private static void release(LineProcess gen) {
        try {
            gen.stdin().write("go\n".getBytes(StandardCharsets.US_ASCII));
            gen.stdin().flush();
        } catch (IOException e) {
            throw new BenchException("loadgen: cannot release it: " + e.getMessage());
        }
    }
}
