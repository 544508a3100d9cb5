package org.wasmbpf.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.wasmbpf.host.bpf.GuestBpfObjects;
import org.wasmbpf.host.bpf.KernelBtfCache;
import org.wasmbpf.host.imports.WasmBpfImports;
import org.wasmbpf.host.spi.GuestConfig;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.HostFunction;
import org.wasmbpf.host.spi.ModuleRejectedException;
import org.wasmbpf.host.spi.StopSignal;
import org.wasmbpf.host.spi.ValType;
import org.wasmbpf.host.spi.WasmBackend;

/**
 * Runs wasm-bpf guests: the embedding API.
 *
 * <pre>{@code
 * WasmBpfHost host = WasmBpfHost.builder().backend(new ChicoryBackend()).args(List.of("-d", "50")).build();
 * RunningGuest guest = host.start(Path.of("bootstrap.wasm"));
 * Runtime.getRuntime().addShutdownHook(new Thread(guest::stop));
 * int exitCode = guest.waitFor();
 * }</pre>
 *
 * Each {@link #start} makes a new guest with its own BPF objects; a host may start several.
 */
public final class WasmBpfHost {
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(2);
    /** argv[0] of a guest started from bytes without a name. */
    public static final String DEFAULT_PROGRAM_NAME = "app.wasm";

    private final WasmBackend backend;
    private final List<String> args;
    private final Map<String, String> env;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final Duration gracePeriod;
    private final GuestLimits limits;
    private final KernelBtfCache kernelBtf;
    private final List<EmbedderFunction> hostFunctions;
    private final boolean lowLatency;

    /** An embedder's host function as given to the builder. */
    private record EmbedderFunction(String module, String name, List<ValType> params, List<ValType> results,
            HostFunctionBody body) {}

    private WasmBpfHost(Builder b) {
        this.backend = Objects.requireNonNull(b.backend, "backend");
        this.args = List.copyOf(b.args);
        this.env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
        this.stdin = b.stdin;
        this.stdout = b.stdout;
        this.stderr = b.stderr;
        this.gracePeriod = b.gracePeriod;
        this.limits = b.limits;
        this.kernelBtf = b.cacheDirectory == null ? null : KernelBtfCache.under(b.cacheDirectory).orElse(null);
        this.hostFunctions = List.copyOf(b.hostFunctions);
        this.lowLatency = b.lowLatency;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads, checks and starts the module; the guest's argv[0] is the file's name.
     *
     * @throws IOException when the file cannot be read
     * @throws ModuleRejectedException when the module cannot run here (nothing was started)
     */
    public RunningGuest start(Path module) throws IOException {
        return start(Files.readAllBytes(module), module.getFileName().toString());
    }

    /** As {@link #start(byte[], String)} with argv[0] {@value #DEFAULT_PROGRAM_NAME}. */
    public RunningGuest start(byte[] module) {
        return start(module, DEFAULT_PROGRAM_NAME);
    }

    /**
     * Instantiates the module with the wasm_bpf imports and runs {@code _start} on a new thread.
     *
     * @throws ModuleRejectedException when the module cannot run here (nothing was started)
     */
    public RunningGuest start(byte[] module, String programName) {
        List<String> argv = new ArrayList<>();
        argv.add(programName);
        argv.addAll(args);
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        GuestBpfObjects bpf = new GuestBpfObjects(GuestBpfObjects.objectNameFor(programName), kernelBtf);
        if (lowLatency) {
            bpf.gatherFor(0);
        }
        GuestInstance guest;
        StopSignal hostCalls = new StopSignal();
        try {
            byte[] limited = MemoryLimitPatch.apply(module, limits.maxMemoryPages());
            List<HostFunction> imports = new ArrayList<>(ImportLimits.apply(WasmBpfImports.create(bpf, err), limits, bpf, err));
            for (EmbedderFunction f : hostFunctions) {
                imports.add(new HostFunction(f.module(), f.name(), f.params(), f.results(),
                        (g, a) -> f.body().call(new GuestCall(g, a, hostCalls))));
            }
            guest = backend.instantiate(limited, new GuestConfig(argv, env, stdin, stdout, stderr), imports);
        } catch (RuntimeException | Error e) {
            bpf.closeAll();
            throw e;
        }
        return RunningGuest.start(guest, bpf, hostCalls, err, gracePeriod);
    }

    public static final class Builder {
        private WasmBackend backend;
        private List<String> args = List.of();
        private final Map<String, String> env = new LinkedHashMap<>();
        private InputStream stdin = InputStream.nullInputStream();
        private OutputStream stdout = System.out;
        private OutputStream stderr = System.err;
        private Duration gracePeriod = DEFAULT_GRACE_PERIOD;
        private GuestLimits limits = GuestLimits.DEFAULTS;
        private Path cacheDirectory;
        private final List<EmbedderFunction> hostFunctions = new ArrayList<>();
        private boolean lowLatency;

        private Builder() {}

        /** The engine, e.g. {@code new ChicoryBackend()}. Required. */
        public Builder backend(WasmBackend backend) {
            this.backend = backend;
            return this;
        }

        /** The guest's arguments after argv[0]. */
        public Builder args(List<String> args) {
            this.args = List.copyOf(args);
            return this;
        }

        /** The guest's environment; empty unless given (the host's is never passed on). */
        public Builder env(Map<String, String> env) {
            this.env.clear();
            this.env.putAll(env);
            return this;
        }

        /** The guest's stdin; empty by default. */
        public Builder stdin(InputStream stdin) {
            this.stdin = Objects.requireNonNull(stdin);
            return this;
        }

        /** The guest's stdout, flushed after every write; {@code System.out} by default. */
        public Builder stdout(OutputStream stdout) {
            this.stdout = Objects.requireNonNull(stdout);
            return this;
        }

        /** The guest's stderr, which also gets the host's messages; {@code System.err} by default. */
        public Builder stderr(OutputStream stderr) {
            this.stderr = Objects.requireNonNull(stderr);
            return this;
        }

        /** How long {@link RunningGuest#stop()} lets the guest finish before interrupting it. */
        public Builder gracePeriod(Duration gracePeriod) {
            if (gracePeriod.isNegative()) {
                throw new IllegalArgumentException("negative grace period: " + gracePeriod);
            }
            this.gracePeriod = gracePeriod;
            return this;
        }

        /** Memory, object and poll-timeout limits of each guest; {@link GuestLimits#DEFAULTS} by default. */
        public Builder limits(GuestLimits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        /**
         * The directory of the host's caches (the CLI's {@code --cache-dir}): the part of the
         * kernel's BTF each BPF object needs goes in its {@code btf} subdirectory, which spares
         * later loads of the object reading all of the kernel's types (see {@link KernelBtfCache}).
         * None by default.
         */
        public Builder cacheDirectory(Path cacheDirectory) {
            this.cacheDirectory = cacheDirectory;
            return this;
        }

        /**
         * Buffer polls wake per sample instead of letting streaming samples gather 1 ms: delivery
         * latency of tens of microseconds against more CPU per sample at high rates (the bench's
         * {@code -lowlat} consumers). Off by default.
         */
        public Builder lowLatency(boolean lowLatency) {
            this.lowLatency = lowLatency;
            return this;
        }

        /**
         * A function the guest may import as {@code module.name}, with these Wasm parameter and
         * result types (as upstream runtimes let an embedder add {@code host_func_test.plus_i32}).
         * The body runs on the guest's thread; one that waits must wait through
         * {@link GuestCall#sleep} or check {@link GuestCall#stopRequested}, so that a stop ends
         * it. Module {@code wasm_bpf} and WASI's are the host's own.
         */
        public Builder hostFunction(String module, String name, List<ValType> params, List<ValType> results,
                HostFunctionBody body) {
            if (module.equals(WasmBpfImports.MODULE) || module.startsWith("wasi_")) {
                throw new IllegalArgumentException("module '" + module + "' is the host's own; pick another for "
                        + name);
            }
            for (EmbedderFunction f : hostFunctions) {
                if (f.module().equals(module) && f.name().equals(name)) {
                    throw new IllegalArgumentException("host function " + module + "." + name + " is already added");
                }
            }
            hostFunctions.add(new EmbedderFunction(module, name, List.copyOf(params), List.copyOf(results),
                    Objects.requireNonNull(body)));
            return this;
        }

        /** {@code (i32, i32) -> i32}, the commonest shape, from a plain Java function. */
        public Builder hostFunction(String module, String name, java.util.function.IntBinaryOperator body) {
            return hostFunction(module, name, List.of(ValType.I32, ValType.I32), List.of(ValType.I32),
                    call -> new long[] {body.applyAsInt(call.i32(0), call.i32(1))});
        }

        /**
         * The guest's stdout as lines, each handed to {@code lines} (on the guest's thread, without
         * its newline) as the guest writes it: for an embedder that consumes a tool's output as
         * events rather than bytes. Replaces {@link #stdout}.
         */
        public Builder stdoutLines(java.util.function.Consumer<String> lines) {
            return stdout(new LineOutputStream(lines));
        }

        public WasmBpfHost build() {
            return new WasmBpfHost(this);
        }
    }
}
