package org.wasmbpf.host.chicory;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.wasmbpf.host.spi.GuestConfig;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.HostFunction;

/** A test guest instantiated on a backend and run on its own thread, its output recorded per write. */
final class GuestRun {
    /** One write of the guest to a stream, with when it reached the host. */
    record Write(String text, long nanos) {}

    /** Records each write separately, as a pipe reader would see them. */
    static final class RecordingStream extends OutputStream {
        final List<Write> writes = new ArrayList<>();
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            pending.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
        }

        @Override
        public synchronized void flush() {
            if (pending.size() > 0) {
                writes.add(new Write(pending.toString(StandardCharsets.UTF_8), System.nanoTime()));
                pending.reset();
            }
        }

        synchronized String text() {
            StringBuilder s = new StringBuilder();
            writes.forEach(w -> s.append(w.text()));
            return s.append(pending.toString(StandardCharsets.UTF_8)).toString();
        }

        synchronized List<Write> flushedWrites() {
            return List.copyOf(writes);
        }
    }

    final RecordingStream stdout = new RecordingStream();
    final RecordingStream stderr = new RecordingStream();
    final GuestInstance guest;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private GuestRun(ChicoryBackend backend, byte[] module, List<String> args, Map<String, String> env,
            List<HostFunction> imports) {
        List<String> argv = new ArrayList<>(args);
        guest = backend.instantiate(module, new GuestConfig(argv, env, null, stdout, stderr), imports);
    }

    static GuestRun start(ChicoryBackend backend, String name, List<String> args, Map<String, String> env,
            List<HostFunction> imports) {
        List<String> argv = new ArrayList<>();
        argv.add(name + ".wasm");
        argv.addAll(args);
        GuestRun run = new GuestRun(backend, TestGuests.bytes(name), argv, env, imports);
        Thread t = new Thread(() -> {
            try {
                run.exit.complete(run.guest.runStart());
            } catch (Throwable e) {
                run.exit.completeExceptionally(e);
            }
        }, "test-guest-" + name);
        t.setDaemon(true);
        t.start();
        return run;
    }

    static GuestRun start(ChicoryBackend backend, String name, String... args) {
        return start(backend, name, List.of(args), Map.of(), List.of());
    }

    /** The exit code; the guest's exception (GuestTrapException...) rethrown as it came. */
    int exitCode(Duration timeout) throws Exception {
        try {
            return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    /** Waits until the guest has written {@code text} to stdout. */
    void awaitStdout(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!stdout.text().contains(text)) {
            if (System.nanoTime() > deadline || exit.isDone()) {
                throw new AssertionError("no '" + text + "' on stdout; got: " + stdout.text() + " / " + stderr.text()
                        + (exit.isDone() ? " (guest ended: " + exit + ")" : ""));
            }
            Thread.sleep(10);
        }
    }
}
