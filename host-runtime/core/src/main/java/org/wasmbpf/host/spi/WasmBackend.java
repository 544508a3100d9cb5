package org.wasmbpf.host.spi;

import java.util.List;

/** A Wasm engine that runs WASI preview1 command modules with extra host imports. */
public interface WasmBackend {

    /** The name users select it by, e.g. {@code chicory}. */
    String name();

    /**
     * Parses, links and instantiates the module (without running {@code _start}).
     *
     * @throws ModuleRejectedException when the bytes are not a module this host can run
     */
    GuestInstance instantiate(byte[] module, GuestConfig config, List<HostFunction> imports);
}
