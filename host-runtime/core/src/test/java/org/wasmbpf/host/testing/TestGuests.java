package org.wasmbpf.host.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the C test guests at test time with clang (wasm32-wasi), linked with
 * {@code --export-table} as the wasm-bpf toolchains do and without {@code -O} at link time (which
 * would run wasm-opt and drop the name section). Fails, never skips, when a tool is missing.
 * Shared with the engines' tests through the test-jar, with {@code guests/testguest.c}.
 */
public final class TestGuests {
    private static final Path OUT = Path.of("target", "test-guests");

    private TestGuests() {}

    /** The bytes of {@code guests/NAME.c} compiled and linked. */
    public static synchronized byte[] build(String name) {
        try {
            Path wasm = OUT.resolve(name + ".wasm");
            Path source = OUT.resolve(name + ".c");
            byte[] text;
            try (InputStream in = TestGuests.class.getResourceAsStream("/guests/" + name + ".c")) {
                if (in == null) {
                    throw new AssertionError("test resource guests/" + name + ".c is missing");
                }
                text = in.readAllBytes();
            }
            // Built again when the source changed since (a module left by an earlier build of the tree).
            if (!Files.exists(wasm) || !Arrays.equals(text, Files.readAllBytes(source))) {
                Files.createDirectories(OUT);
                Files.write(source, text);
                Path object = OUT.resolve(name + ".o");
                run("clang", "--target=wasm32-wasi", "-O2", "-c", source.toString(), "-o", object.toString());
                run("clang", "--target=wasm32-wasi", "-Wl,--export-table", "-Wl,--strip-debug",
                        object.toString(), "-o", wasm.toString());
            }
            return Files.readAllBytes(wasm);
        } catch (IOException e) {
            throw new AssertionError("cannot build test guest " + name + ": " + e, e);
        }
    }

    /** Runs a tool; fails with its output when it is missing or exits non-zero. Returns stdout+stderr. */
    public static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + " (is it installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Assembles Wasm text with wat2wasm in {@code dir}, passing {@code options} (feature flags) before the file. */
    public static byte[] wat(Path dir, String text, String... options) {
        try {
            Path source = dir.resolve("m.wat");
            Path wasm = dir.resolve("m.wasm");
            Files.writeString(source, text);
            List<String> command = new ArrayList<>(List.of("wat2wasm"));
            command.addAll(List.of(options));
            command.addAll(List.of(source.toString(), "-o", wasm.toString()));
            run(command.toArray(String[]::new));
            return Files.readAllBytes(wasm);
        } catch (IOException e) {
            throw new AssertionError("cannot assemble Wasm text in " + dir + ": " + e, e);
        }
    }

    public static List<String> args(String... args) {
        List<String> out = new ArrayList<>();
        out.add("testguest.wasm");
        out.addAll(List.of(args));
        return out;
    }
}
