package org.wasmbpf.host.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The launcher names the class cache it gives the JVM in {@value #PROPERTY}. A JVM that cannot
 * use it (a damaged file, a JDK changed in place) runs without any class sharing, and would do so
 * at every start, as the launcher records a cache only where there is none: so the cache goes, and
 * the next run records a new one.
 */
final class RefusedClassCache {
    static final String PROPERTY = "wasm-bpf.class-cache";

    private RefusedClassCache() {}

    static void dropIfRefused() {
        String cache = System.getProperty(PROPERTY);
        // "sharing" is in java.vm.info exactly when the JVM mapped a class cache
        if (cache == null || System.getProperty("java.vm.info", "").contains("sharing")) {
            return;
        }
        try {
            if (Files.deleteIfExists(Path.of(cache))) {
                System.err.println("wasm-bpf: the JVM could not use its class cache " + cache
                        + "; removed, the next run records a new one");
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("wasm-bpf: the JVM could not use its class cache " + cache + ", nor could it be removed: " + e);
        }
    }
}
