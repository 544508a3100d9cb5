package org.wasmbpf.host.cli;

import static org.wasmbpf.host.cli.RunOptions.option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.wasmbpf.host.ExitCodes;
import org.wasmbpf.host.GuestLimits;
import org.wasmbpf.host.chicory.ChicoryBackend;
import org.wasmbpf.host.serve.ServeServer;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code wasm-bpf serve [--listen unix:PATH|HOST:PORT] [--token-file F] [--runtime ENGINE]}: one
 * long-lived JVM running many guests behind an HTTP API (docs/serve.md). Built without
 * annotations like the other commands (see {@link WasmBpfMain}).
 */
final class ServeCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    private final OptionSpec listen = option("--listen", "ADDRESS", String.class)
            .defaultValue("unix:/run/wasm-bpf.sock")
            .description("unix:PATH (default: ${DEFAULT-VALUE}, mode 0600) or HOST:PORT (needs --token-file;"
                    + " port 0 picks a free one, printed at start).")
            .build();
    private final OptionSpec tokenFile = option("--token-file", "FILE", Path.class)
            .description("A file whose first line (16 characters or more) clients must send as"
                    + " 'Authorization: Bearer TOKEN'. Required for TCP.")
            .build();
    private final OptionSpec runtime = option("--runtime", "ENGINE", String.class)
            .defaultValue(ChicoryBackend.NAME)
            .description("The default engine of runs that name none: chicory (default) or wasmtime.")
            .build();
    private final OptionSpec graceMs = option("--grace-ms", "MS", long.class)
            .defaultValue("2000")
            .description("How long a stopped run (DELETE, PUT, shutdown) may take to exit before it is interrupted"
                    + " (default: ${DEFAULT-VALUE}).")
            .build();
    private final OptionSpec maxRuns = option("--max-runs", "N", int.class)
            .defaultValue("" + ServeServer.DEFAULT_MAX_RUNS)
            .description("The most runs at once; more are refused with 429 (default: ${DEFAULT-VALUE}).")
            .build();
    private final OptionSpec cacheDir = option("--cache-dir", "DIR", Path.class)
            .description("The host's cache directory, as for 'wasm-bpf run'.")
            .build();
    private final OptionSpec noCache = OptionSpec.builder("--no-cache").type(boolean.class).initialValue(false)
            .description("Caches nothing.")
            .build();

    private ServeCommand() {}

    static CommandSpec spec(IVersionProvider version) {
        ServeCommand command = new ServeCommand();
        CommandSpec spec = command.spec;
        spec.name("serve").versionProvider(version);
        spec.usageMessage()
                .description("Runs many wasm-bpf modules in this JVM, started, updated and stopped through an"
                        + " HTTP API; GET /metrics in Prometheus text format. SIGINT or SIGTERM stop every run,"
                        + " then the server. See docs/serve.md.");
        for (OptionSpec o : List.of(command.listen, command.tokenFile, command.runtime, command.graceMs,
                command.maxRuns, command.cacheDir, command.noCache)) {
            spec.addOption(o);
        }
        HelpOptions.addTo(spec);
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        long grace = graceMs.<Long>getValue();
        int runs = maxRuns.<Integer>getValue();
        Path cache = noCache.<Boolean>getValue() ? null
                : cacheDir.getValue() != null ? cacheDir.<Path>getValue() : RunCommand.defaultCacheDirectory();
        ServeServer server;
        try {
            if (grace < 0 || runs < 1) {
                throw new IllegalArgumentException(grace < 0 ? "--grace-ms must not be negative: " + grace
                        : "--max-runs must be at least 1: " + runs);
            }
            server = ServeServer.start(new ServeServer.Config(listen.getValue(), tokenFile.getValue(),
                    runtime.getValue(), cache, Duration.ofMillis(grace), GuestLimits.DEFAULTS, runs));
        } catch (IllegalArgumentException e) {
            err.println("wasm-bpf: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        } catch (java.io.IOException e) {
            err.println("wasm-bpf: cannot listen on " + listen.getValue() + ": " + e.getMessage());
            err.flush();
            return ExitCodes.HOST_ERROR;
        }
        CountDownLatch stop = new CountDownLatch(1);
        StopSignals.forward(stop::countDown);
        System.out.println("wasm-bpf serve: listening on " + server.boundAddress());
        System.out.flush();
        stop.await();
        server.close();
        return 0;
    }
}
