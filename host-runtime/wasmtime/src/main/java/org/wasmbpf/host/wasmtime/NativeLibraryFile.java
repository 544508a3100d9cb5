package org.wasmbpf.host.wasmtime;

import io.github.kawamuray.wasmtime.NativeLibraryLoader;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;
import java.util.jar.JarEntry;
import org.wasmbpf.host.spi.AtomicFile;

/**
 * wasmtime-java's JNI library (18 MB) as a file that {@link System#load} can take. The binding
 * itself copies it out of its jar into a new temporary file on every start (~90 ms) and never
 * deletes it; here it is copied once into a directory, under a name holding the jar entry's CRC
 * and size (read from the jar's index, nothing inflated), so a changed jar never meets an old
 * copy.
 */
final class NativeLibraryFile {
    private final URL resource;
    private final String name;

    private NativeLibraryFile(URL resource, String name) {
        this.resource = resource;
        this.name = name;
    }

    /** The library for this OS and CPU in the binding's jar, or null when there is none. */
    static NativeLibraryFile forThisPlatform() throws IOException {
        String name = libraryName(bindingVersion(), System.getProperty("os.name"), System.getProperty("os.arch"));
        URL url = name == null ? null : NativeLibraryLoader.class.getResource("/" + name);
        return url == null ? null : new NativeLibraryFile(url, name);
    }

    /** The binding's file name for a platform, e.g. {@code libwasmtime_jni_0.19.0_linux_x86_64.so}; null if unsupported. */
    static String libraryName(String version, String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = switch (osArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> null;
        };
        if (arch == null || version == null) {
            return null;
        }
        if (os.contains("linux")) {
            return "libwasmtime_jni_" + version + "_linux_" + arch + ".so";
        }
        if (os.contains("mac")) {
            return "libwasmtime_jni_" + version + "_macos_" + arch + ".dylib";
        }
        return null;
    }

    /** The file in {@code dir}, copied there first unless an earlier run did. */
    Path cachedIn(Path dir) throws IOException {
        Path local = localFile();
        if (local != null) {
            return local;
        }
        URLConnection connection = resource.openConnection();
        if (!(connection instanceof JarURLConnection jar)) {
            return null;
        }
        JarEntry entry = jar.getJarEntry();
        if (entry.getSize() < 0 || entry.getCrc() < 0) {
            return null;
        }
        String stem = name.substring(0, name.lastIndexOf('.'));
        String ext = name.substring(name.lastIndexOf('.'));
        Path target = dir.resolve(stem + "-" + Long.toHexString(entry.getCrc()) + "-" + entry.getSize() + ext);
        if (Files.isRegularFile(target) && Files.size(target) == entry.getSize()) {
            return target;
        }
        Files.createDirectories(dir);
        // Another JVM may have moved its copy in meanwhile: the same bytes, so replacing is harmless.
        AtomicFile.write(target, this::copyTo);
        return target;
    }

    /** A new temporary copy, which the caller deletes once loaded. */
    Path temporaryCopy() throws IOException {
        Path tmp = Files.createTempFile("wasmbpf-" + name, null);
        try {
            copyTo(tmp);
            return tmp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** The resource itself when the binding's classes come from a directory, not a jar. */
    Path localFile() {
        if (!"file".equals(resource.getProtocol())) {
            return null;
        }
        try {
            return Path.of(resource.toURI());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private void copyTo(Path file) throws IOException {
        try (InputStream in = resource.openStream()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String bindingVersion() throws IOException {
        try (InputStream in = NativeLibraryLoader.class.getResourceAsStream("/wasmtime-java-meta.properties")) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("jnilib.version");
        }
    }
}
