package org.wasmbpf.host.wasm;

/** The bytes are not a Wasm module this reader understands; the message says where and why. */
public class WasmFormatException extends RuntimeException {
    private final boolean truncated;

    public WasmFormatException(String message) {
        this(message, false);
    }

    private WasmFormatException(String message, boolean truncated) {
        super(message);
        this.truncated = truncated;
    }

    /** For bytes that end before what they encode does, which a caller may report apart from other faults. */
    public static WasmFormatException truncated(String message) {
        return new WasmFormatException(message, true);
    }

    /** Whether the bytes ran out (rather than holding something wrong). */
    public boolean truncated() {
        return truncated;
    }
}
