package org.wasmbpf.skeleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.wasmbpf.skeleton.cli.SkeletonGenMain;

/** Runs the skeleton-gen command in-process, capturing what it prints. */
public final class Cli {
    public record Result(int exitCode, String out, String err) {
        /** Exit 1, nothing on stdout, and exactly one line {@code skeleton-gen: WHAT: ...CAUSE...}. */
        public void assertOneLineError(Object what, String cause) {
            assertEquals(1, exitCode, "exit code; stderr: " + err);
            assertTrue(err.endsWith("\n") && err.indexOf('\n') == err.length() - 1, "exactly one line: " + err);
            String prefix = "skeleton-gen: " + what + ": ";
            assertTrue(err.startsWith(prefix), "\"" + err.strip() + "\" should start with \"" + prefix + "\"");
            assertTrue(err.contains(cause), "\"" + err.strip() + "\" should say \"" + cause + "\"");
            assertEquals("", out);
        }
    }

    private Cli() {
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SkeletonGenMain.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs {@code skeleton-gen c} on the object, writing into {@code out}. */
    public static void generateC(Path object, Path out, String... extra) {
        String[] args = new String[4 + extra.length];
        args[0] = "c";
        args[1] = "--out";
        args[2] = out.toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        args[args.length - 1] = object.toString();
        Result r = run(args);
        assertEquals(0, r.exitCode(), "skeleton-gen failed: " + r.err());
    }
}
