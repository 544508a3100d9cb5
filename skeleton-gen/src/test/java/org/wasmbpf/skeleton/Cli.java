package org.wasmbpf.skeleton;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.wasmbpf.skeleton.cli.SkeletonGenMain;

/** Runs the skeleton-gen command in-process, capturing what it prints. */
public final class Cli {
    public record Result(int exitCode, String out, String err) {
    }

    private Cli() {
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SkeletonGenMain.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }
}
