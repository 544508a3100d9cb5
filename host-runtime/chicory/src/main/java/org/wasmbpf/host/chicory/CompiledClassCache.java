package org.wasmbpf.host.chicory;

import com.dylibso.chicory.compiler.Cache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Chicory's compiled classes on disk, one file per module under a directory for this Chicory
 * version (generated classes are not compatible across versions). Chicory's key is the module's
 * digest ({@code sha-256:<base64>}). Writes go to a temporary file and are moved in, so that a
 * concurrent reader never sees half a file.
 */
final class CompiledClassCache implements Cache {
    static final String CHICORY_VERSION = "1.7.5";

    private final Path dir;

    CompiledClassCache(Path root) {
        this.dir = root.resolve("chicory-" + CHICORY_VERSION);
    }

    @Override
    public byte[] get(String key) throws IOException {
        try {
            return Files.readAllBytes(file(key));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void putIfAbsent(String key, byte[] data) throws IOException {
        Path target = file(key);
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "tmp-", ".part");
        try {
            Files.write(tmp, data);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Removes an entry Chicory could not load. */
    void evict(String key) throws IOException {
        Files.deleteIfExists(file(key));
    }

    Path file(String key) {
        return dir.resolve(key.replace("sha-256:", "sha256-").replace('/', '_').replace('+', '-').replace("=", "")
                + ".classes");
    }
}
