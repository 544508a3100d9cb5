package org.wasmbpf.host.spi;

/** The Wasm value types the wasm_bpf imports use; engines map them to their own. */
public enum ValType {
    I32,
    I64
}
