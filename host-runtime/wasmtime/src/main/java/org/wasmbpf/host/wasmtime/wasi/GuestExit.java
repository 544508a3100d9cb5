package org.wasmbpf.host.wasmtime.wasi;

/** Thrown by {@code proc_exit} to unwind the guest; carries the exit code to the host. */
public final class GuestExit extends RuntimeException {
    private final int code;

    public GuestExit(int code) {
        super("proc_exit(" + code + ")", null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
