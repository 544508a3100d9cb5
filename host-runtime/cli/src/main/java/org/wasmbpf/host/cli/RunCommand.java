package org.wasmbpf.host.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.wasmbpf.host.ExitCodes;
import org.wasmbpf.host.GuestLimits;
import org.wasmbpf.host.RunningGuest;
import org.wasmbpf.host.WasmBpfHost;
import org.wasmbpf.host.chicory.ChicoryBackend;
import org.wasmbpf.host.runner.ObjectFile;
import org.wasmbpf.host.spi.ModuleRejectedException;
import org.wasmbpf.host.spi.WasmBackend;
import org.wasmbpf.host.wasmtime.WasmtimeBackend;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code wasm-bpf run [options] APP.wasm [ARGS...]}, or {@code wasm-bpf run PROG.bpf.o [its options]}. */
final class RunCommand implements Callable<Integer> {
    private final RunOptions options = new RunOptions();
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);

    private RunCommand() {}

    /** The command's model, built without annotations (see {@link WasmBpfMain}). */
    static CommandSpec spec(IVersionProvider version) {
        RunCommand command = new RunCommand();
        CommandSpec spec = command.spec;
        spec.name("run").versionProvider(version);
        spec.usageMessage()
                .description("Runs a wasm-bpf module until it exits; SIGINT or SIGTERM ask it to stop.",
                        "Everything after APP.wasm goes to the guest unparsed (even -h).",
                        "Given a BPF object (PROG.bpf.o) instead, runs it with no user code: see"
                                + " 'wasm-bpf run PROG.bpf.o --help' for the options made from its globals.")
                .footer("", "Exit code: the guest's, or one of the host's listed in 'wasm-bpf --help'.");
        command.options.addTo(spec);
        HelpOptions.addTo(spec);
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        long graceMs = options.graceMs();
        Path module = options.module();
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
        if (ObjectFile.isElf(file.bytes())) {
            err.flush();
            return ObjectCommand.run(module.getFileName().toString(), file.bytes(), options.guestArgs(), System.out,
                    System.err);
        }
        WasmBpfHost host = WasmBpfHost.builder()
                .backend(backend())
                .args(options.guestArgs())
                .env(options.env())
                .gracePeriod(Duration.ofMillis(graceMs))
                .limits(limits)
                .cacheDirectory(options.noCache() ? null : cacheDirectory())
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
        int maxMemoryPages = options.maxMemoryPages();
        int maxObjects = options.maxObjects();
        long pollCeilingMs = options.pollCeilingMs();
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
        String runtime = options.runtime();
        boolean noCache = options.noCache();
        return switch (runtime) {
            case ChicoryBackend.NAME -> new ChicoryBackend(options.mode(), noCache ? null : cacheDirectory());
            case WasmtimeBackend.NAME -> new WasmtimeBackend(noCache ? null : cacheDirectory());
            default -> throw new ParameterException(spec.commandLine(),
                    "unknown runtime '" + runtime + "' (available: chicory, wasmtime)");
        };
    }

    private Path cacheDirectory() {
        Path cacheDir = options.cacheDir();
        return cacheDir != null ? cacheDir : defaultCacheDirectory();
    }

    /** $XDG_CACHE_HOME/wasm-bpf or ~/.cache/wasm-bpf. */
    static Path defaultCacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("wasm-bpf");
    }
}
