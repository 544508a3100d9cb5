package org.wasmbpf.host.wasmtime.rewrite;

/** The bytes are not a Wasm module this reader understands; the message says where and why. */
public class WasmFormatException extends RuntimeException {
    public WasmFormatException(String message) {
        super(message);
    }
}
