package org.wasmbpf.host;

/** What an embedder's host function does; see {@link WasmBpfHost.Builder#hostFunction}. */
@FunctionalInterface
public interface HostFunctionBody {
    /**
     * @return the results as raw Wasm values (an i32 in the low 32 bits), as many as declared;
     *     an exception thrown here traps the guest and is reported as a host error
     */
    long[] call(GuestCall call);
}
