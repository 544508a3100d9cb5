package org.wasmbpf.host.spi;

/** The module cannot be run: not Wasm, malformed, unknown imports, no _start or memory. */
public class ModuleRejectedException extends RuntimeException {

    /** Why the module was rejected; callers map each to its own exit code. */
    public enum Reason {
        /** The bytes do not start with the Wasm magic number. */
        NOT_WASM,
        /** The bytes end before the module does. */
        TRUNCATED,
        /** Decoding, validation or instantiation failed for any other reason. */
        INVALID,
        /** The module imports something this host does not provide (or with another type). */
        UNKNOWN_IMPORTS,
        /** The module lacks an export a WASI command must have ({@code _start}, {@code memory}). */
        MISSING_EXPORTS
    }

    private final Reason reason;

    public ModuleRejectedException(String message) {
        this(Reason.INVALID, message, null);
    }

    public ModuleRejectedException(String message, Throwable cause) {
        this(Reason.INVALID, message, cause);
    }

    public ModuleRejectedException(Reason reason, String message) {
        this(reason, message, null);
    }

    public ModuleRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
