package org.wasmbpf.host.serve;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.wasmbpf.host.chicory.ChicoryBackend;
import org.wasmbpf.host.chicory.ExecutionMode;
import org.wasmbpf.host.spi.WasmBackend;
import org.wasmbpf.host.wasmtime.WasmtimeBackend;

/**
 * The engines runs may ask for, one backend each, made on first use and shared by all runs:
 * a backend's caches (Chicory's compiled modules, Wasmtime's engine) are what makes a warm start.
 */
final class Engines {
    private final String defaultEngine;
    private final Path cacheDir;
    private final Map<String, WasmBackend> backends = new ConcurrentHashMap<>();

    /** @param cacheDir the host's cache directory, null for none */
    Engines(String defaultEngine, Path cacheDir) {
        this.defaultEngine = checked(defaultEngine);
        this.cacheDir = cacheDir;
    }

    String defaultEngine() {
        return defaultEngine;
    }

    /** @param engine null for the default */
    WasmBackend backend(String engine) {
        String name = engine == null || engine.isBlank() ? defaultEngine : checked(engine);
        return backends.computeIfAbsent(name, n -> n.equals(ChicoryBackend.NAME)
                ? new ChicoryBackend(ExecutionMode.DEFAULT, cacheDir)
                : new WasmtimeBackend(cacheDir));
    }

    static String checked(String engine) {
        if (!engine.equals(ChicoryBackend.NAME) && !engine.equals(WasmtimeBackend.NAME)) {
            throw new ApiException(400, "unknown engine '" + engine + "' (available: chicory, wasmtime)");
        }
        return engine;
    }
}
