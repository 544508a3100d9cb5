package org.wasmbpf.host.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.wasmbpf.host.spi.AtomicFile;

/**
 * Downloaded modules under {@code <cache>/blobs/sha256/<hex>}, named by their content's digest as
 * a registry names blobs, so a pinned or by-digest run needs no network once it has run. Each read
 * checks the digest again: a file changed on disk is dropped and fetched anew, never run. The
 * cache is best effort: a failure to write it costs the next run a download, not this run.
 */
public final class ContentCache {
    private final Path dir;

    private ContentCache(Path dir) {
        this.dir = dir;
    }

    /** The cache under {@code cacheRoot}; {@code null} for none (downloads stay in memory). */
    public static ContentCache at(Path cacheRoot) {
        return new ContentCache(cacheRoot == null ? null : cacheRoot.resolve("blobs").resolve("sha256"));
    }

    /** The cached bytes of {@code digest}, if present and still matching it. */
    public Optional<byte[]> get(String digest) {
        if (dir == null || !Digests.isSha256(digest)) {
            return Optional.empty();
        }
        Path file = dir.resolve(Digests.hex(digest));
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (Digests.of(bytes).equals(digest)) {
                return Optional.of(bytes);
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // absent or unreadable: fetched again
        }
        return Optional.empty();
    }

    /** Keeps {@code bytes}, which the caller has checked are {@code digest}'s. */
    public void put(String digest, byte[] bytes) {
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            AtomicFile.write(dir.resolve(Digests.hex(digest)), bytes);
        } catch (IOException e) {
            // best effort, see the class comment
        }
    }
}
