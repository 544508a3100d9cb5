package org.wasmbpf.host.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wasmbpf.host.ExitCodes;
import org.wasmbpf.host.GuestLimits;
import org.wasmbpf.host.RunningGuest;
import org.wasmbpf.host.WasmBpfHost;
import org.wasmbpf.host.chicory.ChicoryBackend;
import org.wasmbpf.host.chicory.ExecutionMode;
import org.wasmbpf.host.spi.ModuleRejectedException;
import org.wasmbpf.host.spi.WasmBackend;
import org.wasmbpf.host.wasmtime.WasmtimeBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wasm-bpf run [options] APP.wasm [ARGS...]}. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Runs a wasm-bpf module until it exits; SIGINT or SIGTERM ask it to stop.",
            "Everything after APP.wasm goes to the guest unparsed (even -h)."},
        footer = {"", "Exit code: the guest's, or one of the host's listed in 'wasm-bpf --help'."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--runtime", paramLabel = "ENGINE", defaultValue = ChicoryBackend.NAME,
            description = "The WebAssembly engine: chicory (default; pure Java) or wasmtime (native, Cranelift).")
    String runtime;

    @Option(names = "--mode", paramLabel = "MODE", description = "How Chicory runs the guest: ${COMPLETION-CANDIDATES}"
            + " (default: compiler).")
    ExecutionMode mode = ExecutionMode.DEFAULT;

    @Option(names = "--env", paramLabel = "NAME=VALUE",
            description = "Sets a variable of the guest's environment (repeatable). The guest sees no other.")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--grace-ms", paramLabel = "MS", defaultValue = "2000",
            description = "After SIGINT/SIGTERM, how long the guest may take to exit before it is interrupted"
                    + " (default: ${DEFAULT-VALUE}).")
    long graceMs;

    @Option(names = "--max-memory-pages", paramLabel = "PAGES", defaultValue = "" + GuestLimits.DEFAULT_MAX_MEMORY_PAGES,
            description = "The most 64 KiB pages the guest's memory may grow to, 1..65536 (default: ${DEFAULT-VALUE},"
                    + " 256 MiB).")
    int maxMemoryPages;

    @Option(names = "--max-objects", paramLabel = "N", defaultValue = "" + GuestLimits.DEFAULT_MAX_OBJECTS,
            description = "The most BPF objects the guest may have loaded at once (default: ${DEFAULT-VALUE}).")
    int maxObjects;

    @Option(names = "--poll-timeout-ceiling-ms", paramLabel = "MS", defaultValue = "10000",
            description = "The longest one buffer poll of the guest waits, whatever timeout it asks for"
                    + " (default: ${DEFAULT-VALUE}).")
    long pollCeilingMs;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where compiled modules (and Wasmtime's native library) are cached"
                    + " (default: $XDG_CACHE_HOME/wasm-bpf or ~/.cache/wasm-bpf).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Compiles the module afresh and caches nothing.")
    boolean noCache;

    @Parameters(index = "0", paramLabel = "APP.wasm", description = "The module.")
    Path module;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "The guest's arguments.")
    List<String> guestArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (graceMs < 0) {
            throw new ParameterException(spec.commandLine(), "--grace-ms must not be negative: " + graceMs);
        }
        GuestLimits limits = limits();
        ModuleFile file = ModuleFile.read(module);
        if (file.failure() != null) {
            err.println("wasm-bpf: " + module + ": " + file.failure());
            err.flush();
            return ExitCodes.NO_INPUT;
        }
        WasmBpfHost host = WasmBpfHost.builder()
                .backend(backend())
                .args(guestArgs)
                .env(env)
                .gracePeriod(Duration.ofMillis(graceMs))
                .limits(limits)
                .build();
        RunningGuest guest;
        try {
            guest = host.start(file.bytes(), module.getFileName().toString());
        } catch (ModuleRejectedException e) {
            err.println("wasm-bpf: " + module + ": " + e.getMessage());
            err.flush();
            return ExitCodes.forRejection(e.reason());
        }
        StopSignals.forward(guest);
        return guest.waitFor();
    }

    private GuestLimits limits() {
        if (maxMemoryPages < 1 || maxMemoryPages > GuestLimits.WASM32_MAX_PAGES) {
            throw new ParameterException(spec.commandLine(), "--max-memory-pages must be 1.."
                    + GuestLimits.WASM32_MAX_PAGES + ": " + maxMemoryPages);
        }
        if (maxObjects < 1) {
            throw new ParameterException(spec.commandLine(), "--max-objects must be at least 1: " + maxObjects);
        }
        if (pollCeilingMs < 0 || pollCeilingMs > Integer.MAX_VALUE) {
            throw new ParameterException(spec.commandLine(), "--poll-timeout-ceiling-ms must be 0.."
                    + Integer.MAX_VALUE + ": " + pollCeilingMs);
        }
        return new GuestLimits(maxMemoryPages, maxObjects, Duration.ofMillis(pollCeilingMs));
    }

    private WasmBackend backend() {
        return switch (runtime) {
            case ChicoryBackend.NAME -> new ChicoryBackend(mode, noCache ? null : cacheDirectory());
            case WasmtimeBackend.NAME -> new WasmtimeBackend(noCache ? null : cacheDirectory());
            default -> throw new ParameterException(spec.commandLine(),
                    "unknown runtime '" + runtime + "' (available: chicory, wasmtime)");
        };
    }

    private Path cacheDirectory() {
        if (cacheDir != null) {
            return cacheDir;
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("wasm-bpf");
    }
}
