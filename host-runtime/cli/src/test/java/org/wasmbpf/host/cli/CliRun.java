package org.wasmbpf.host.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code wasm-bpf} as a child JVM on this test's classpath, its output read through pipes line by line. */
final class CliRun implements AutoCloseable {
    /** A line and when this test read it from the pipe. */
    record Line(String text, long nanos) {}

    final Process process;
    private final List<Line> stdout = Collections.synchronizedList(new ArrayList<>());
    private final List<Line> stderr = Collections.synchronizedList(new ArrayList<>());
    private final Thread outPump;
    private final Thread errPump;

    private CliRun(Process process) {
        this.process = process;
        this.outPump = pump(process.getInputStream(), stdout);
        this.errPump = pump(process.getErrorStream(), stderr);
    }

    static CliRun start(Object... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WasmBpfMain.class.getName()));
        for (Object a : args) {
            cmd.add(a.toString());
        }
        return new CliRun(new ProcessBuilder(cmd).start());
    }

    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not exit within " + timeout + "\n" + transcript());
        }
        outPump.join(5000);
        errPump.join(5000);
        return process.exitValue();
    }

    void awaitStdout(String line, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (stdout().stream().noneMatch(l -> l.text().equals(line))) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                Thread.sleep(100);
                if (stdout().stream().anyMatch(l -> l.text().equals(line))) {
                    return;
                }
                throw new AssertionError("no line '" + line + "'\n" + transcript());
            }
            Thread.sleep(10);
        }
    }

    void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    List<Line> stdout() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    List<String> stdoutText() {
        return stdout().stream().map(Line::text).toList();
    }

    List<String> stderrText() {
        synchronized (stderr) {
            return stderr.stream().map(Line::text).toList();
        }
    }

    String transcript() {
        return "--- stdout ---\n" + String.join("\n", stdoutText()) + "\n--- stderr ---\n"
                + String.join("\n", stderrText());
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static Thread pump(InputStream in, List<Line> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.add(new Line(line, System.nanoTime()));
                }
            } catch (IOException ignored) {
                // the process is gone; what was read is kept
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
