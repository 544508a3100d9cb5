package org.wasmbpf.host.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibraryFileTest {
    @TempDir
    Path dir;

    @Test
    void namesTheLibraryAsTheBindingDoes() {
        assertEquals("libwasmtime_jni_0.19.0_linux_x86_64.so", NativeLibraryFile.libraryName("0.19.0", "Linux", "amd64"));
        assertEquals("libwasmtime_jni_0.19.0_linux_aarch64.so", NativeLibraryFile.libraryName("0.19.0", "Linux", "aarch64"));
        assertEquals("libwasmtime_jni_0.19.0_macos_aarch64.dylib",
                NativeLibraryFile.libraryName("0.19.0", "Mac OS X", "arm64"));
        assertNull(NativeLibraryFile.libraryName("0.19.0", "Linux", "riscv64"));
    }

    @Test
    void isCopiedOnceIntoTheDirectoryAndCopiedAgainWhenTruncated() throws IOException {
        NativeLibraryFile lib = NativeLibraryFile.forThisPlatform();
        assertNotNull(lib, "the binding's jar has this platform's library");
        Path copy = lib.cachedIn(dir);
        Path fresh = lib.temporaryCopy();
        try {
            assertEquals(crc(fresh), crc(copy), "the copy holds the jar's bytes");
            FileTime old = FileTime.fromMillis(1_000_000L);
            Files.setLastModifiedTime(copy, old);
            assertEquals(copy, lib.cachedIn(dir));
            assertEquals(old, Files.getLastModifiedTime(copy), "not copied a second time");
            Files.write(copy, new byte[100]);
            assertEquals(copy, lib.cachedIn(dir));
            assertEquals(crc(fresh), crc(copy), "a truncated copy is replaced");
        } finally {
            Files.delete(fresh);
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    private static long crc(Path file) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(Files.readAllBytes(file));
        return crc.getValue();
    }
}
