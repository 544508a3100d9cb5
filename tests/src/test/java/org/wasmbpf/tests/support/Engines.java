package org.wasmbpf.tests.support;

import org.wasmbpf.host.chicory.ChicoryBackend;
import org.wasmbpf.host.spi.WasmBackend;
import org.wasmbpf.host.wasmtime.WasmtimeBackend;

/** The engines every integration test runs on: the same module must behave the same on each. */
public final class Engines {
    /** For {@code @ValueSource(strings = ...)}. */
    public static final String CHICORY = ChicoryBackend.NAME;
    public static final String WASMTIME = WasmtimeBackend.NAME;

    private Engines() {}

    public static WasmBackend backend(String name) {
        return switch (name) {
            case CHICORY -> new ChicoryBackend();
            case WASMTIME -> new WasmtimeBackend();
            default -> throw new IllegalArgumentException("no engine " + name);
        };
    }
}
