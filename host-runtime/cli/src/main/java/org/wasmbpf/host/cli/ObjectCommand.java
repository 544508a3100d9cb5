package org.wasmbpf.host.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wasmbpf.host.ExitCodes;
import org.wasmbpf.host.libbpf.BpfException;
import org.wasmbpf.host.runner.FlagValueException;
import org.wasmbpf.host.runner.GlobalFlag;
import org.wasmbpf.host.runner.ObjectFile;
import org.wasmbpf.host.runner.ObjectFileException;
import org.wasmbpf.host.runner.ObjectRun;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code wasm-bpf run PROG.bpf.o [OPTIONS]}: the arguments after the object are its own command
 * line, made from the object's BTF: {@code --json}, {@code --interval}, and one option per
 * {@code const volatile} global, named and typed after it, its compiled value the default.
 */
final class ObjectCommand {
    /** The load or attach failed: the kernel or libbpf refused (as native tools, exit 1). */
    static final int LOAD_FAILED = 1;

    private final String fileName;
    private final ObjectFile object;
    private final CommandSpec spec;

    private ObjectCommand(String fileName, ObjectFile object) {
        this.fileName = fileName;
        this.object = object;
        this.spec = CommandSpec.create().name("wasm-bpf run " + fileName);
        spec.usageMessage().description(
                "Loads " + fileName + ", attaches every program and prints what its ring and perf buffers carry,"
                        + " decoded from BTF, and every interval its histogram and hash maps; SIGINT or SIGTERM stop it.",
                "Each const volatile global of the object is an option; its compiled value is the default.");
        spec.addOption(OptionSpec.builder("--json").type(boolean.class).initialValue(false)
                .description("One JSON object per event (and per map entry) and line.").build());
        spec.addOption(OptionSpec.builder("--interval").paramLabel("SECONDS").type(double.class).defaultValue("1")
                .description("How often histogram and hash maps are printed, then cleared (default: ${DEFAULT-VALUE}).")
                .build());
        spec.addOption(OptionSpec.builder("--hist-unit").paramLabel("UNIT").type(String.class)
                .description("The unit printed over histograms (default: msecs or usecs after a targ_ms flag, as"
                        + " libbpf-tools; else value).").build());
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class).initialValue(false)
                .description("Show this help message and exit.").build());
        byte[] rodata = object.rodata();
        for (GlobalFlag f : object.flags()) {
            OptionSpec.Builder option = OptionSpec.builder("--" + f.name()).paramLabel(f.label()).type(String.class)
                    .description(f.declaration() + " (default: " + f.text(rodata) + ")");
            if (f.isBool()) { // --targ_ms alone means true, as a C tool's -m would
                option.arity("0..1").fallbackValue("true");
            }
            spec.addOption(option.build());
        }
    }

    /** Runs the object until a signal stops it; returns the exit code. */
    static int run(String fileName, byte[] bytes, List<String> args, PrintStream out, PrintStream err) {
        ObjectFile object;
        try {
            object = ObjectFile.parse(fileName, bytes);
        } catch (ObjectFileException e) {
            err.println("wasm-bpf: " + fileName + ": " + e.getMessage());
            return ExitCodes.NOT_WASM;
        }
        return new ObjectCommand(fileName, object).run(args, out, err);
    }

    private int run(List<String> args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(spec);
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        ParseResult parsed;
        Map<String, String> flags = new LinkedHashMap<>();
        ObjectRun.Options options;
        byte[] elf;
        try {
            parsed = cli.parseArgs(args.toArray(String[]::new));
            if (parsed.isUsageHelpRequested()) {
                cli.usage(out);
                return 0;
            }
            for (GlobalFlag f : object.flags()) {
                if (parsed.hasMatchedOption("--" + f.name())) {
                    flags.put(f.name(), parsed.matchedOptionValue("--" + f.name(), "true"));
                }
            }
            elf = object.withFlags(flags); // every value checked before anything is loaded
            options = options(parsed, flags);
        } catch (ParameterException | FlagValueException e) {
            err.println("wasm-bpf: " + fileName + ": " + e.getMessage());
            err.println("Try 'wasm-bpf run " + fileName + " --help' for its options.");
            return ExitCodes.USAGE;
        }
        ObjectRun run;
        try {
            run = ObjectRun.start(object, elf, options, out);
        } catch (BpfException e) {
            err.println("wasm-bpf: " + fileName + ": " + e.summary());
            e.log().forEach(l -> err.println("  " + l));
            return LOAD_FAILED;
        }
        try (run) {
            List<String> shown = run.shownMaps();
            err.println("wasm-bpf: " + fileName + ": attached " + String.join(", ", run.programs()) + "; printing "
                    + (shown.isEmpty() ? "nothing (no buffer, histogram or hash map)" : String.join(", ", shown))
                    + "; Ctrl-C to stop");
            StopSignals.forward(run::stop);
            run.run();
            long lost = run.lostSamples();
            if (lost > 0) {
                err.println("wasm-bpf: " + fileName + ": " + lost + " samples lost (perf buffer full)");
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERRUPTED;
        } catch (BpfException e) {
            err.println("wasm-bpf: " + fileName + ": " + e.getMessage());
            return LOAD_FAILED;
        }
    }

    private ObjectRun.Options options(ParseResult parsed, Map<String, String> flags) {
        double seconds = parsed.matchedOptionValue("--interval", 1.0);
        if (!(seconds > 0) || seconds > 86_400) {
            throw new ParameterException(spec.commandLine(), "--interval: '" + seconds + "' is not 0..86400 seconds");
        }
        String unit = parsed.matchedOptionValue("--hist-unit", null);
        if (unit == null) {
            unit = object.flags().stream().filter(f -> f.name().equals("targ_ms") && f.isBool()).findFirst()
                    .map(f -> f.text(object.rodata(flags)).equals("true") ? "msecs" : "usecs").orElse("value");
        }
        return new ObjectRun.Options(parsed.hasMatchedOption("--json"), Duration.ofMillis((long) (seconds * 1000)), unit);
    }
}
