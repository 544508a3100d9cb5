package org.wasmbpf.host.wasmtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a small file whole or not at all, so that another JVM reading it never sees half. */
final class AtomicFile {
    private AtomicFile() {}

    /** Writes {@code bytes} to a temporary file beside {@code target} and moves it in; the directory must exist. */
    static void write(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "tmp-", ".part");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
