package org.wasmbpf.host.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file of a backend's cache whole or not at all: to a temporary file beside it, then
 * moved in, so that another JVM reading it never sees half, and one writing the same file at once
 * only replaces it.
 */
public final class AtomicFile {
    /** Fills the temporary file that then becomes the target. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path file) throws IOException;
    }

    private AtomicFile() {}

    /** Writes {@code bytes} as {@code target}; the directory must exist. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, file -> Files.write(file, bytes));
    }

    /** Writes what {@code content} puts in a temporary file as {@code target}; the directory must exist. */
    public static void write(Path target, Content content) throws IOException {
        RecordingRun.cacheFilled();
        Path tmp = Files.createTempFile(target.getParent(), "tmp-", ".part");
        try {
            content.writeTo(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
