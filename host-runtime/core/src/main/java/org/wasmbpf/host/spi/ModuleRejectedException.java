package org.wasmbpf.host.spi;

/** The module cannot be run: not Wasm, malformed, unknown imports, no _start or memory. */
public class ModuleRejectedException extends RuntimeException {
    public ModuleRejectedException(String message) {
        super(message);
    }

    public ModuleRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
