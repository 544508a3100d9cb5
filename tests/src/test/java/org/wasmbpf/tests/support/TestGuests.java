package org.wasmbpf.tests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compiles the small C guests under {@code tests/src/test/c} to wasm32-wasi, with the guest SDK
 * and the C examples' generated headers on the include path, so a test guest can embed the
 * examples' BPF objects and misbehave in ways a real tool would not.
 */
public final class TestGuests {
    private TestGuests() {}

    public static Path build(String name) throws IOException, InterruptedException {
        return build(name, Repo.cExampleBuildDir());
    }

    /** As {@link #build(String)}, with {@code includeDir} also on the include path. */
    public static Path build(String name, Path includeDir) throws IOException, InterruptedException {
        Path src = Repo.root().resolve("tests/src/test/c/" + name + ".c");
        Path outDir = Repo.root().resolve("tests/target/test-guests");
        Files.createDirectories(outDir);
        Path out = outDir.resolve(name + ".wasm");
        Path obj = outDir.resolve(name + ".o");
        run(List.of("clang", "--target=wasm32-wasi", "-O2", "-I", Repo.guestSdkC().toString(),
                "-I", Repo.cExampleBuildDir().toString(), "-I", includeDir.toString(), "-c", src.toString(), "-o", obj.toString()));
        // Linked without -O, so that clang does not run wasm-opt, which would drop the name section.
        run(List.of("clang", "--target=wasm32-wasi", "-Wl,--export-table", "-Wl,--strip-debug",
                obj.toString(), "-o", out.toString()));
        return out;
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + log);
        }
    }
}
