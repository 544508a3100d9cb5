package org.wasmbpf.host.wasmtime;

import io.github.kawamuray.wasmtime.NativeLibraryLoader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.util.concurrent.TimeUnit;
import org.wasmbpf.host.spi.AtomicFile;

/**
 * Which kept copy of the JNI library ({@link NativeLibraryFile#cachedIn}) belongs to the jar the
 * binding's classes come from, remembered under the jar's identity (size, modification time,
 * device and inode). Finding the library's entry opens the jar, and a cold JVM takes ~15-20 ms
 * to read the index of the CLI's 2,000-entry jar, where a class cache otherwise lets a run leave
 * it closed. Any rewrite of the jar changes its identity, so a new jar is looked into again.
 */
final class KeptLibraryIndex {
    private KeptLibraryIndex() {}

    /** The copy remembered for this jar, if it is still there; else null. */
    static Path lookup(Path dir) {
        String key = jarKey();
        if (key == null) {
            return null;
        }
        try {
            // "<size> <file name>": a copy cut short (a full disk) is not taken for the library
            String entry = Files.readString(dir.resolve(key), StandardCharsets.UTF_8).trim();
            int space = entry.indexOf(' ');
            if (space < 0) {
                return null;
            }
            long size = Long.parseLong(entry.substring(0, space));
            Path copy = dir.resolve(entry.substring(space + 1));
            return dir.equals(copy.getParent()) && Files.isRegularFile(copy) && Files.size(copy) == size ? copy : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Remembers {@code copy} (a file in {@code dir}) for this jar; a failure only costs the next start the look-up. */
    static void remember(Path dir, Path copy) {
        String key = jarKey();
        if (key == null || !dir.equals(copy.getParent())) {
            return;
        }
        try {
            AtomicFile.write(dir.resolve(key), (Files.size(copy) + " " + copy.getFileName()).getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // looked up in the jar again next time
        }
    }

    /** {@code jar-<size>-<mtime ns>-<inode>} of the binding's jar, or null when its classes come from no jar file. */
    private static String jarKey() {
        try {
            CodeSource source = NativeLibraryLoader.class.getProtectionDomain().getCodeSource();
            URL location = source == null ? null : source.getLocation();
            if (location == null || !"file".equals(location.getProtocol())) {
                return null;
            }
            Path jar = Path.of(location.toURI());
            BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                return null;
            }
            StringBuilder key = new StringBuilder("jar-").append(a.size()).append('-')
                    .append(a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
            Object fileKey = a.fileKey(); // "(dev=..,ino=..)" on Linux
            for (char c : String.valueOf(fileKey).toCharArray()) {
                key.append(Character.isLetterOrDigit(c) ? c : '_');
            }
            return key.toString();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
