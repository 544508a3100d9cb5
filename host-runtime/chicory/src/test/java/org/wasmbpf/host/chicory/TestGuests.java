package org.wasmbpf.host.chicory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Compiles the C test guests (test resources {@code guests/NAME.c}) to wasm32-wasi with clang,
 * once per JVM. Linked without -O so clang does not run wasm-opt, which drops the name section
 * that trap messages take function names from. Shared with the CLI's tests through the test-jar.
 */
public final class TestGuests {
    /** Under the module's target directory (the tests' working directory). */
    private static final Path OUT = Path.of("target", "test-guests").toAbsolutePath();
    /** Built by this JVM: rebuilt once per test run, so an edited source is never stale. */
    private static final Set<String> BUILT = new HashSet<>();

    private TestGuests() {}

    public static synchronized Path wasm(String name) {
        Path out = OUT.resolve(name + ".wasm");
        if (BUILT.contains(name)) {
            return out;
        }
        try {
            Files.createDirectories(OUT);
            Path src = OUT.resolve(name + ".c");
            try (InputStream in = TestGuests.class.getResourceAsStream("/guests/" + name + ".c")) {
                if (in == null) {
                    throw new IllegalArgumentException("no test guest source guests/" + name + ".c");
                }
                Files.copy(in, src, StandardCopyOption.REPLACE_EXISTING);
            }
            Path obj = OUT.resolve(name + ".o");
            run(List.of("clang", "--target=wasm32-wasi", "-O2", "-c", src.toString(), "-o", obj.toString()));
            run(List.of("clang", "--target=wasm32-wasi", "-Wl,--export-table", obj.toString(), "-o", out.toString()));
            BUILT.add(name);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot build test guest " + name + " (is clang with wasm32-wasi installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(wasm(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + log);
        }
    }
}
