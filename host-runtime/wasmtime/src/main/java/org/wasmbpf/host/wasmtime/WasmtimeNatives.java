package org.wasmbpf.host.wasmtime;

import io.github.kawamuray.wasmtime.NativeLibraryLoader;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads wasmtime-java's JNI library once per JVM before any binding class does, from a copy kept
 * in the cache directory (or from a temporary copy deleted at once), then tells the binding it is
 * loaded. Without this every JVM pays ~90 ms to copy 18 MB out of the jar and leaves the copy in
 * the temporary directory for good. Anything unexpected (another class loader, a module that
 * refuses reflection, an unknown platform) leaves the loading to the binding, as before.
 */
final class WasmtimeNatives {
    /** The binding's own switch: whoever sets it loads the library themselves. */
    private static final String LOAD_DISABLED_ENV = "WASMTIME_JNI_LOAD_DISABLED";

    private static boolean attempted;

    private WasmtimeNatives() {}

    /** @param dir where the library copy is kept, or null for a temporary copy */
    static synchronized void load(Path dir) {
        if (attempted) {
            return;
        }
        attempted = true;
        if (System.getenv(LOAD_DISABLED_ENV) != null
                || NativeLibraryLoader.class.getClassLoader() != WasmtimeNatives.class.getClassLoader()) {
            return; // JNI binds natives per class loader: a library loaded here would not serve the binding
        }
        try {
            Field loaded = NativeLibraryLoader.class.getDeclaredField("loaded");
            loaded.setAccessible(true);
            // The binding's load() is synchronized on its class: holding that lock keeps it out meanwhile.
            synchronized (NativeLibraryLoader.class) {
                if (!loaded.getBoolean(null) && loadOwnCopy(dir)) {
                    loaded.setBoolean(null, true);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | IOException | UnsatisfiedLinkError e) {
            // The binding loads it its own way when its first class initialises.
        }
    }

    private static boolean loadOwnCopy(Path dir) throws IOException {
        try {
            System.loadLibrary("wasmtime_jni"); // the binding looks on java.library.path first too
            return true;
        } catch (UnsatisfiedLinkError notOnThePath) {
            // go on with the jar's copy
        }
        Path remembered = dir == null ? null : KeptLibraryIndex.lookup(dir);
        if (remembered != null) {
            try {
                System.load(remembered.toString());
                return true;
            } catch (UnsatisfiedLinkError e) {
                Files.deleteIfExists(remembered); // damaged copy: copied again below
            }
        }
        NativeLibraryFile file = NativeLibraryFile.forThisPlatform();
        if (file == null) {
            return false;
        }
        Path kept = dir == null ? file.localFile() : file.cachedIn(dir);
        if (kept != null) {
            try {
                System.load(kept.toString());
                if (dir != null) {
                    KeptLibraryIndex.remember(dir, kept);
                }
            } catch (UnsatisfiedLinkError e) {
                if (!kept.equals(file.localFile())) {
                    Files.deleteIfExists(kept); // damaged copy: the next start copies it again
                }
                throw e;
            }
            return true;
        }
        Path tmp = file.temporaryCopy();
        try {
            System.load(tmp.toString());
            return true;
        } finally {
            Files.deleteIfExists(tmp); // a loaded library stays mapped
        }
    }
}
