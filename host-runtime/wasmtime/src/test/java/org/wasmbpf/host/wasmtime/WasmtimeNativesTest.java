package org.wasmbpf.host.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.host.spi.GuestConfig;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.testing.TestGuests;
import org.wasmbpf.host.wasmtime.testing.GuestRun;

/** The JNI library is loaded once per JVM, so each case runs a JVM of its own. */
class WasmtimeNativesTest {
    @TempDir
    Path cacheDir;

    /** Runs a guest with the cache directory in args[0], then prints the mapped wasmtime_jni files. */
    public static void main(String[] args) throws Exception {
        GuestConfig config = new GuestConfig(TestGuests.args("return", "0"), Map.of(),
                new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new ByteArrayOutputStream());
        try (GuestInstance g = new WasmtimeBackend(Path.of(args[0])).instantiate(TestGuests.build("testguest"),
                config, List.of(GuestRun.deliverImport(() -> null)))) {
            g.runStart();
        }
        Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(l -> l.contains("wasmtime_jni"))
                .map(l -> l.substring(l.indexOf('/')))
                .distinct()
                .forEach(System.out::println);
    }

    private List<String> mappedLibraries() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WasmtimeNativesTest.class.getName(), cacheDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }

    @Test
    void theLibraryIsLoadedFromItsCopyInTheCacheDirectory() throws Exception {
        Path jni = cacheDir.resolve("wasmtime").resolve("jni-" + CompiledModuleDiskCache.BINDING_VERSION);
        for (int run = 0; run < 2; run++) {
            List<String> mapped = mappedLibraries();
            assertEquals(1, mapped.size(), "one copy mapped: " + mapped);
            assertTrue(Path.of(mapped.get(0)).startsWith(jni), mapped.get(0) + " is under " + jni);
            assertFalse(mapped.get(0).endsWith("(deleted)"));
        }
        assertEquals(1, files(jni, ".so").size(), "the second JVM used the first one's copy");
        assertEquals(1, files(jni, "jar-").size(), "and found it by the jar's identity, without opening the jar");
    }

    @Test
    void aCutShortCopyIsNotTakenForTheLibrary() throws Exception {
        Path jni = cacheDir.resolve("wasmtime").resolve("jni-" + CompiledModuleDiskCache.BINDING_VERSION);
        mappedLibraries();
        Path copy = files(jni, ".so").get(0);
        try (var out = java.nio.channels.FileChannel.open(copy, java.nio.file.StandardOpenOption.WRITE)) {
            out.truncate(Files.size(copy) / 2);
        }
        List<String> mapped = mappedLibraries();
        assertEquals(List.of(copy.toString()), mapped, "copied again and loaded from the same place");
        assertTrue(Files.size(copy) > 1_000_000, "the whole library again: " + Files.size(copy));
    }

    private static List<Path> files(Path dir, String part) throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().contains(part)).toList();
        }
    }
}
