package org.wasmbpf.host.spi;

import java.util.List;

/**
 * An engine-neutral host import. Each backend adapts these to its own host-function type, so
 * the imports are written once for every engine.
 */
public record HostFunction(
        String module, String name, List<ValType> params, List<ValType> results, Body body) {

    @FunctionalInterface
    public interface Body {
        /** Args and results are raw Wasm values (i32 in the low 32 bits of a long). */
        long[] call(GuestInstance guest, long[] args);
    }
}
