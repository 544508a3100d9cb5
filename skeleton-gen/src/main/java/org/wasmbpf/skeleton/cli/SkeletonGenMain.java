package org.wasmbpf.skeleton.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code skeleton-gen} command. */
@Command(name = "skeleton-gen", mixinStandardHelpOptions = true, version = "skeleton-gen 0.1.0",
        description = "Generates guest skeletons from a BPF object file (ELF with BTF).",
        subcommands = {CCommand.class, JavaCommand.class})
public final class SkeletonGenMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command with the given streams and returns its exit code (for tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new SkeletonGenMain());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((ex, line, parseResult) -> {
            // Anything not already reported as bad input is a bug, but still gets one line, no trace.
            line.getErr().println("skeleton-gen: internal error: " + ex);
            return 1;
        });
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (c or java)");
    }
}
