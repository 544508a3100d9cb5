package org.wasmbpf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.wasmbpf.host.RunningGuest;
import org.wasmbpf.host.WasmBpfHost;
import org.wasmbpf.host.chicory.ChicoryBackend;
import org.wasmbpf.host.chicory.ExecutionMode;
import org.wasmbpf.host.libbpf.BpfMaps;
import org.wasmbpf.host.spi.WasmBackend;
import org.wasmbpf.host.wasmtime.WasmtimeBackend;

/**
 * Start-up through the embedding API, run as its own JVM by the bench:
 * {@code EmbeddedStart chicory|wasmtime compiler|interpreter REPS [--bind-first] bootstrap.wasm}.
 * Prints "main" on entry (the bench times exec to it: JVM start), then per start of bootstrap (with
 * -v, whose stderr says when the object is loaded and attached):
 * {@code rep=N bind_ms=.. instantiate_ms=.. loaded_ms=.. attached_ms=.. header_ms=..}, every time
 * measured from the call to {@link WasmBpfHost#start}. With --bind-first, the binding of
 * libbpf is made (and timed as bind_ms) before the first start instead of inside it.
 */
public final class EmbeddedStart {
    private EmbeddedStart() {}

    public static void main(String[] args) throws Exception {
        System.out.println("main");
        System.out.flush();
        boolean bindFirst = List.of(args).contains("--bind-first");
        List<String> rest = List.of(args).stream().filter(a -> !a.equals("--bind-first")).toList();
        if (rest.size() != 4) {
            System.err.println("usage: EmbeddedStart chicory|wasmtime compiler|interpreter REPS [--bind-first] APP.wasm");
            System.exit(2);
        }
        String runtime = rest.get(0);
        ExecutionMode mode = ExecutionMode.valueOf(rest.get(1).toUpperCase());
        int reps = Integer.parseInt(rest.get(2));
        byte[] module = Files.readAllBytes(Path.of(rest.get(3)));
        double bindMs = 0;
        if (bindFirst) {
            long t = System.nanoTime();
            BpfMaps.lookup(-1, new byte[4], new byte[8]); // binds libbpf; fd -1 only gets EBADF
            bindMs = (System.nanoTime() - t) / 1e6;
        }
        for (int i = 1; i <= reps; i++) {
            System.out.println(once(i, backend(runtime, mode), module, bindMs));
            System.out.flush();
            bindMs = 0;
        }
        System.exit(0);
    }

    private static String once(int rep, WasmBackend backend, byte[] module, double bindMs)
            throws InterruptedException {
        TimedLines out = new TimedLines("TIME", "TIME");
        TimedLines err = new TimedLines(null, "bootstrap: loaded", "bootstrap: attached");
        WasmBpfHost host = WasmBpfHost.builder().backend(backend).args(List.of("-v"))
                .cacheDirectory(cacheRoot()).stdout(out).stderr(err).build();
        long t0 = System.nanoTime();
        RunningGuest guest = host.start(module, "bootstrap.wasm");
        long instantiated = System.nanoTime();
        boolean header = out.latch().await(60, TimeUnit.SECONDS);
        guest.stop();
        guest.waitFor();
        if (!header) {
            throw new IllegalStateException("bootstrap printed no header within 60 s");
        }
        return String.format("rep=%d bind_ms=%.2f instantiate_ms=%.2f loaded_ms=%.2f attached_ms=%.2f header_ms=%.2f",
                rep, bindMs, ms(t0, instantiated), ms(t0, err.seen("bootstrap: loaded")),
                ms(t0, err.seen("bootstrap: attached")), ms(t0, out.seen("TIME")));
    }

    private static double ms(long t0, Long t) {
        return t == null ? Double.NaN : (t - t0) / 1e6;
    }

    private static WasmBackend backend(String runtime, ExecutionMode mode) throws IOException {
        if (runtime.equals("wasmtime")) {
            return new WasmtimeBackend();
        }
        return new ChicoryBackend(mode, cacheRoot());
    }

    /** The CLI's cache, primed by the bench's cold starts: compiled classes and kernel BTF extracts. */
    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("wasm-bpf");
    }
}
