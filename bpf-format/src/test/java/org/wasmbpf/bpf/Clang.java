package org.wasmbpf.bpf;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real clang for the layout and compile probes; a missing clang fails the test. */
public final class Clang {
    /** What a clang run printed. */
    public record Result(int exitCode, String output) {
    }

    private Clang() {
    }

    /** Runs clang with these arguments in {@code dir}; fails the test unless it exits with 0. */
    public static String run(Path dir, String... args) {
        Result r = tryRun(dir, args);
        if (r.exitCode() != 0) {
            fail("clang " + String.join(" ", args) + " failed (exit " + r.exitCode() + "):\n" + r.output());
        }
        return r.output();
    }

    public static Result tryRun(Path dir, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("clang");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        try {
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("clang " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return fail("clang is required by this test (the layout probes compile C for -target bpf and "
                    + "--target=wasm32-wasi) but could not be run: " + e.getMessage()
                    + "; install clang (scripts/setup.sh)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running clang");
        }
    }
}
