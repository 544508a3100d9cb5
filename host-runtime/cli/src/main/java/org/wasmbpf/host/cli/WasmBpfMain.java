package org.wasmbpf.host.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.wasmbpf.host.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@code wasm-bpf} command.
 *
 * <p>Its commands are picocli model objects built in code, not annotated classes: reading
 * annotations makes the JDK generate a proxy class per annotation type at run time, which no
 * class or AOT cache keeps, and that made up most of the ~70 ms picocli took at every start.
 */
public final class WasmBpfMain implements Runnable {
    private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";
    private static final String DISABLE_CLOSURES = "picocli.disable.closures";
    private static final String SLF4J_PROVIDER = "slf4j.provider";
    private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);

    private WasmBpfMain() {}

    public static void main(String[] args) {
        EarlyBinding.startFor(args);
        RefusedClassCache.dropIfRefused();
        // With a class cache a run need not open the jar (~5-15 ms cold), but picocli looks for
        // Groovy's Closure class, and slf4j (for wasmtime-java) searches the class path for
        // logging providers, unless told not to.
        setUnlessSet(DISABLE_CLOSURES, "true");
        setUnlessSet(SLF4J_PROVIDER, "org.slf4j.nop.NOPServiceProvider");
        setUnlessSet(SLF4J_VERBOSITY, "WARN"); // else slf4j says on stderr that it was told
        int code = execute(args);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    private static void setUnlessSet(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** Runs the command line and returns the exit code (for tests: no System.exit). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        Version version = new Version();
        CommandSpec spec = new WasmBpfMain().spec;
        spec.name("wasm-bpf").versionProvider(version);
        spec.usageMessage()
                .description("Runs wasm-bpf modules: WebAssembly programs that load eBPF into the running kernel.")
                .footer("", "Exit codes: see docs/host.md (the guest's own code, or 2 usage, 65 not Wasm, 66 no such"
                        + " file, 67 truncated, 68 invalid module, 69 unknown imports, 70 host error, 71 no _start/memory,"
                        + " 73 cannot write (pull), 74 fetch or registry failure, 76 digest mismatch,"
                        + " 130 interrupted, 134 guest trapped).");
        HelpOptions.addTo(spec);
        // picocli looks up its converters for java.time, java.sql and Path types by reflection in
        // every new CommandLine, and converts a Path by reflection too: ~14 ms of a cold start. This
        // command has no java.time or java.sql options, and Paths get a converter of their own. The
        // property is picocli's, read as each CommandLine is made, and restored for an embedder's.
        String excludes = System.getProperty(CONVERTER_EXCLUDES);
        System.setProperty(CONVERTER_EXCLUDES, "java\\.(time|sql|nio\\.file)\\..*");
        CommandLine cli;
        try {
            cli = new CommandLine(spec);
            cli.addSubcommand("run", RunCommand.spec(version));
            cli.addSubcommand("push", PushCommand.spec(version));
            cli.addSubcommand("pull", PullCommand.spec(version));
            cli.addSubcommand("serve", ServeCommand.spec(version));
        } finally {
            if (excludes == null) {
                System.clearProperty(CONVERTER_EXCLUDES);
            } else {
                System.setProperty(CONVERTER_EXCLUDES, excludes);
            }
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExitCodeExceptionMapper(e -> ExitCodes.HOST_ERROR);
        cli.setParameterExceptionHandler(WasmBpfMain::usageError);
        // Everything after APP.wasm belongs to the guest, options included.
        cli.getSubcommands().get("run").setStopAtPositional(true);
        cli.registerConverter(Path.class, Path::of);
        return cli;
    }

    /** One line instead of picocli's message and the whole usage. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("wasm-bpf: " + e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: run, push, pull or serve");
    }
}
