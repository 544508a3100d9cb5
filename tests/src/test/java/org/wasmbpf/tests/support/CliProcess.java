package org.wasmbpf.tests.support;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** {@code java -jar wasm-bpf.jar ...} (or the launcher) as a child process whose output lines the test can wait for. */
public final class CliProcess implements AutoCloseable {
    private final Process process;
    private final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());

    private CliProcess(Process process) {
        this.process = process;
        pump(process.getInputStream(), stdout);
        pump(process.getErrorStream(), stderr);
    }

    public static CliProcess start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-jar", Repo.cliJar().toString()));
        cmd.addAll(List.of(args));
        return new CliProcess(new ProcessBuilder(cmd).start());
    }

    /** As {@link #start}, in directory {@code dir} with {@code env} added to the environment. */
    public static CliProcess startIn(Path dir, java.util.Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-jar", Repo.cliJar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().putAll(env);
        return new CliProcess(pb.start());
    }

    /** As {@link #start}, under a wrapper command such as {@code timeout -s INT 5}. */
    public static CliProcess startWrapped(List<String> wrapper, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.addAll(List.of(javaBin(), "-jar", Repo.cliJar().toString()));
        cmd.addAll(List.of(args));
        return new CliProcess(new ProcessBuilder(cmd).start());
    }

    /** {@code ./wasm-bpf ARGS} (the launcher a user runs), with {@code env} added to the environment. */
    public static CliProcess launch(java.util.Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Repo.root().resolve("wasm-bpf").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        return new CliProcess(pb.start());
    }

    public static CliProcess run(String engine, Path wasm, String... guestArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--runtime", engine, wasm.toString()));
        args.addAll(List.of(guestArgs));
        return start(args.toArray(String[]::new));
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for a stdout line that matches; fails with everything seen so far if none comes. */
    public String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
        return await(stdout, match, timeout);
    }

    /** As {@link #awaitLine}, on stderr. */
    public String awaitStderrLine(Predicate<String> match, Duration timeout) throws InterruptedException {
        return await(stderr, match, timeout);
    }

    private String await(List<String> lines, Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> hit = find(lines, match);
            if (hit.isPresent()) {
                return hit.get();
            }
            if (!process.isAlive() && find(lines, match).isEmpty()) {
                Thread.sleep(100); // let the pumps drain the last lines
                return find(lines, match).orElseThrow(() -> new AssertionError(
                        "process exited (" + process.exitValue() + ") before the expected line\n" + transcript()));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching line within " + timeout + "\n" + transcript());
    }

    public Optional<String> find(Predicate<String> match) {
        return find(stdout, match);
    }

    private static Optional<String> find(List<String> lines, Predicate<String> match) {
        synchronized (lines) {
            return lines.stream().filter(match).findFirst();
        }
    }

    public void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not exit within " + timeout + "\n" + transcript());
        }
        Thread.sleep(50); // let the pumps reach end of stream
        return process.exitValue();
    }

    public List<String> stdout() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    public List<String> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    public String transcript() {
        return "--- stdout ---\n" + String.join("\n", stdout()) + "\n--- stderr ---\n" + String.join("\n", stderr());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void pump(InputStream in, List<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.add(line);
                }
            } catch (IOException ignored) {
                // the process is gone; what was read is kept
            }
        });
        t.setDaemon(true);
        t.start();
    }
}
