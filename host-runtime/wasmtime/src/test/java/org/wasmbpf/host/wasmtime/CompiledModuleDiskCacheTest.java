package org.wasmbpf.host.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.host.spi.GuestConfig;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.testing.TestGuests;
import org.wasmbpf.host.wasmtime.testing.GuestRun;

class CompiledModuleDiskCacheTest {
    @TempDir
    Path cacheDir;

    /** A start in a fresh pool, as in a new JVM: the module comes from the disk cache or the compiler. */
    private int runInNewJvm(int code) {
        WasmtimeBackend backend = new WasmtimeBackend(cacheDir, new CompiledModules());
        GuestConfig config = new GuestConfig(TestGuests.args("return", "" + code), Map.of(),
                new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new ByteArrayOutputStream());
        try (GuestInstance g = backend.instantiate(TestGuests.build("testguest"), config,
                List.of(GuestRun.deliverImport(() -> null)))) {
            return g.runStart();
        }
    }

    private List<Path> entries() throws IOException {
        Path dir = new CompiledModuleDiskCache(cacheDir.resolve("wasmtime")).entries();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        // Wasmtime's cache worker writes and renames temporary files (".wip-...") on a thread of
        // its own, which can still run when the guest is done: a walk that meets one vanishing
        // mid-walk is made again.
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().contains("."))
                        .toList();
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException) || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    @Test
    void compiledModuleIsWrittenUnderTheCacheDirectoryAndServesTheNextStart() throws IOException {
        assertEquals(3, runInNewJvm(3));
        List<Path> written = entries();
        assertEquals(1, written.size(), "one entry for the one module: " + written);
        long modified = Files.getLastModifiedTime(written.get(0)).toMillis();
        assertEquals(4, runInNewJvm(4));
        assertEquals(written, entries());
        assertEquals(modified, Files.getLastModifiedTime(written.get(0)).toMillis(), "read, not written again");
    }

    @Test
    void aDamagedEntryIsNotTrustedAndTheModuleIsCompiledAgain() throws IOException {
        runInNewJvm(0);
        for (Path entry : entries()) {
            byte[] garbage = new byte[(int) Files.size(entry)];
            Arrays.fill(garbage, (byte) 0x5a);
            Files.write(entry, garbage);
        }
        assertFalse(entries().isEmpty());
        assertEquals(6, runInNewJvm(6));
    }

    @Test
    void settingsNameTheEntriesDirectoryAsATomlString() {
        CompiledModuleDiskCache cache = new CompiledModuleDiskCache(Path.of("/x/wasm\"bpf\\c/wasmtime"));
        assertEquals("[cache]\nenabled = true\ndirectory = \"/x/wasm\\\"bpf\\\\c/wasmtime/modules-"
                + CompiledModuleDiskCache.BINDING_VERSION + "\"\n", cache.settingsText());
        assertThrows(IllegalArgumentException.class, () -> CompiledModuleDiskCache.tomlString("a\nb"));
        assertTrue(cache.entries().isAbsolute());
    }
}
