package org.wasmbpf.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child process whose stdout and stderr lines are read as they arrive and stamped with
 * {@link System#nanoTime()} then, so the time a line appeared can be compared with the exec time.
 */
public final class LineProcess implements AutoCloseable {
    /** One output line, when it arrived, and from which stream. */
    public record Line(long nanos, boolean stderr, String text) {}

    private final Process process;
    private final long startNanos;
    private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
    private final List<Line> seen = new ArrayList<>();
    private final String label;

    private LineProcess(Process process, long startNanos, String label) {
        this.process = process;
        this.startNanos = startNanos;
        this.label = label;
        pump(process.getInputStream(), false);
        pump(process.getErrorStream(), true);
    }

    public static LineProcess start(String label, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        long t0 = System.nanoTime();
        try {
            return new LineProcess(pb.start(), t0, label);
        } catch (IOException e) {
            throw new BenchException(label + ": cannot start " + command.get(0) + ": " + e.getMessage());
        }
    }

    public long pid() {
        return process.pid();
    }

    /** System.nanoTime() just before the exec. */
    public long startNanos() {
        return startNanos;
    }

    public OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Waits for the first line (of either stream) that matches; fails on exit or timeout. */
    public Line await(Predicate<Line> wanted, long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try {
            for (;;) {
                long left = deadline - System.nanoTime();
                Line line = lines.poll(Math.max(0, Math.min(left, 50_000_000L)), TimeUnit.NANOSECONDS);
                if (line != null) {
                    seen.add(line);
                    if (wanted.test(line)) {
                        return line;
                    }
                    continue;
                }
                if (!process.isAlive() && lines.isEmpty()) {
                    Thread.sleep(50); // let the pumps deliver what the process wrote last
                    if (lines.isEmpty()) {
                        throw new BenchException(label + ": exited with " + process.exitValue()
                                + " before the expected line; output:\n" + transcript());
                    }
                } else if (left <= 0) {
                    throw new BenchException(label + ": no expected line within " + timeoutMs + " ms; output:\n"
                            + transcript());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException(label + ": interrupted");
        }
    }

    public Line awaitStdout(String prefix, long timeoutMs) {
        return await(l -> !l.stderr() && l.text().startsWith(prefix), timeoutMs);
    }

    public boolean waitExit(long timeoutMs) {
        try {
            return process.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** SIGTERM, which every consumer and the host treat as Ctrl-C; SIGKILL if it is still there after 10 s. */
    public void terminate() {
        process.destroy();
        if (!waitExit(10_000)) {
            process.destroyForcibly();
            waitExit(5_000);
        }
    }

    public String transcript() {
        lines.drainTo(seen);
        StringBuilder sb = new StringBuilder();
        for (Line l : seen) {
            sb.append(l.stderr() ? "  err| " : "  out| ").append(l.text()).append('\n');
        }
        return sb.toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            terminate();
        }
    }

    private void pump(InputStream in, boolean stderr) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String s;
                while ((s = r.readLine()) != null) {
                    lines.add(new Line(System.nanoTime(), stderr, s));
                }
            } catch (IOException e) {
                // the process went away; what it wrote is already queued
            }
        }, label + (stderr ? "-stderr" : "-stdout"));
        t.setDaemon(true);
        t.start();
    }
}
