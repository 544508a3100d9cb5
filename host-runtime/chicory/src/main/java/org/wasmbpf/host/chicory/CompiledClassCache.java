package org.wasmbpf.host.chicory;

import com.dylibso.chicory.compiler.Cache;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.wasmbpf.host.spi.AtomicFile;

/**
 * Chicory's compiled classes on disk, one file per module under a directory for this Chicory
 * version (generated classes are not compatible across versions). A file holds the module's bytes
 * and the classes compiled from them, and is named by the bytes' CRC-32 and length: a cold JVM
 * computes that in well under a millisecond (its interpreter has CRC-32 as an intrinsic), where
 * the first SHA-256 cost ~18 ms, most of it the JDK starting its security providers. A hit is the
 * stored bytes being equal to the module's, so a CRC collision is only a miss. Entries are
 * written whole or not at all ({@link AtomicFile}).
 */
final class CompiledClassCache {
    static final String CHICORY_VERSION = "1.7.5";

    private final Path dir;

    CompiledClassCache(Path root) {
        this.dir = root.resolve("chicory-" + CHICORY_VERSION);
    }

    /** The key of a module: what its file is named by, and the digest its codeless parse carries. */
    static String keyOf(byte[] module) {
        CRC32 crc = new CRC32();
        crc.update(module);
        return "crc32-" + Long.toHexString(crc.getValue()) + "-" + module.length;
    }

    /** The classes compiled from exactly these bytes, or null; {@code key} is their {@link #keyOf}. */
    byte[] classesFor(String key, byte[] module) throws IOException {
        byte[] entry;
        try {
            entry = Files.readAllBytes(file(key));
        } catch (NoSuchFileException e) {
            return null;
        }
        if (entry.length < Integer.BYTES) {
            return null;
        }
        int length = ByteBuffer.wrap(entry).getInt();
        long classesAt = (long) Integer.BYTES + length;
        if (length != module.length || classesAt > entry.length
                || !Arrays.equals(entry, Integer.BYTES, (int) classesAt, module, 0, module.length)) {
            return null;
        }
        return Arrays.copyOfRange(entry, (int) classesAt, entry.length);
    }

    /**
     * Chicory's cache for compiling this module: it finds nothing (finding is {@link #classesFor}'s
     * job) and stores what Chicory compiled under this module's key, whatever Chicory's own is.
     */
    Cache writerFor(byte[] module) {
        return new Cache() {
            @Override
            public byte[] get(String chicoryKey) {
                return null;
            }

            @Override
            public void putIfAbsent(String chicoryKey, byte[] classes) throws IOException {
                put(module, classes);
            }
        };
    }

    private void put(byte[] module, byte[] classes) throws IOException {
        Path target = file(keyOf(module));
        Files.createDirectories(dir);
        ByteBuffer entry = ByteBuffer.allocate(Integer.BYTES + module.length + classes.length);
        AtomicFile.write(target, entry.putInt(module.length).put(module).put(classes).array());
    }

    /** Removes the entry, by its module's key, whose classes Chicory could not load. */
    void evict(String key) throws IOException {
        Files.deleteIfExists(file(key));
    }

    Path file(String key) {
        return dir.resolve(key + ".classes");
    }
}
