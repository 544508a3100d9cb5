package org.wasmbpf.host.wasmtime.wasi;

/** The WASI preview1 errno values this WASI returns. */
final class WasiErrno {
    static final int SUCCESS = 0;
    static final int BADF = 8;
    static final int FAULT = 21;
    static final int INTR = 27;
    static final int INVAL = 28;
    static final int IO = 29;
    static final int NOSYS = 52;
    static final int SPIPE = 70;

    private WasiErrno() {}
}
