package org.wasmbpf.examples.embed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.wasmbpf.host.RunningGuest;
import org.wasmbpf.host.WasmBpfHost;
import org.wasmbpf.host.chicory.ChicoryBackend;
import org.wasmbpf.host.spi.ValType;
import org.wasmbpf.host.spi.WasmBackend;
import org.wasmbpf.host.wasmtime.WasmtimeBackend;

/**
 * A Java application that runs an eBPF tool as a sandboxed plugin: the plugin (exec_plugin.wasm,
 * bootstrap's kernel side) calls the host function {@code exec_counter.count(comm, len)} this
 * application gives it for every exec, and its output lines arrive here as Java strings. The
 * application counts execs per command.
 */
public final class ExecCounter implements AutoCloseable {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final RunningGuest plugin;

    /**
     * Starts the plugin.
     *
     * @param engine "chicory" or "wasmtime"
     * @param lines gets each line the plugin prints
     */
    public ExecCounter(String engine, Path pluginModule, Consumer<String> lines) throws IOException {
        WasmBpfHost host = WasmBpfHost.builder()
                .backend(backend(engine))
                .hostFunction("exec_counter", "count", List.of(ValType.I32, ValType.I32), List.of(ValType.I32),
                        call -> {
                            counts.computeIfAbsent(call.string(call.i32(0), call.i32(1)), k -> new LongAdder()).increment();
                            return new long[] {0};
                        })
                .stdoutLines(lines)
                .build();
        plugin = host.start(pluginModule);
    }

    /** Execs seen so far of this command (its comm, up to 15 bytes). */
    public long count(String command) {
        LongAdder n = counts.get(command);
        return n == null ? 0 : n.sum();
    }

    /** Every command seen, with its count. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public boolean isRunning() {
        return plugin.isAlive();
    }

    /** Asks the plugin to stop (its poll returns -EINTR and it exits); returns at once. */
    public void stop() {
        plugin.stop();
    }

    /** Waits for the plugin to end; returns its exit code. */
    public int exitCode() throws InterruptedException {
        return plugin.waitFor();
    }

    /** Stops the plugin and waits for it: every BPF object it loaded is released then. */
    @Override
    public void close() throws InterruptedException {
        stop();
        exitCode();
    }

    private static WasmBackend backend(String engine) {
        if (engine.equals(WasmtimeBackend.NAME)) {
            return new WasmtimeBackend();
        }
        if (engine.equals(ChicoryBackend.NAME)) {
            return new ChicoryBackend();
        }
        throw new IllegalArgumentException("unknown engine '" + engine + "' (chicory or wasmtime)");
    }

    /** {@code ExecCounter [chicory|wasmtime] PLUGIN.wasm}: counts execs until Ctrl-C, then prints the table. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ExecCounter [chicory|wasmtime] PLUGIN.wasm");
            System.exit(2);
        }
        String engine = args.length == 2 ? args[0] : ChicoryBackend.NAME;
        Path module = Path.of(args[args.length - 1]);
        ExecCounter counter = new ExecCounter(engine, module, line -> { });
        Thread main = Thread.currentThread();
        // Ctrl-C stops the plugin; the JVM exits once main has printed the table.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            counter.stop();
            try {
                main.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        System.err.println("counting execs per command; Ctrl-C to stop");
        int code = counter.exitCode();
        System.out.printf("%-16s %s%n", "COMMAND", "EXECS");
        counter.counts().entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> System.out.printf("%-16s %d%n", e.getKey(), e.getValue()));
        if (code != 0) {
            System.err.println("ExecCounter: the plugin exited with " + code);
        }
    }
}
