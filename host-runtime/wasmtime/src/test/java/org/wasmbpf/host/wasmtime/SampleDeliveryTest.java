package org.wasmbpf.host.wasmtime;

import org.wasmbpf.host.spi.WasmBackend;
import org.wasmbpf.host.testing.SampleDeliveryContract;

/** Batched delivery on Wasmtime, where a batch saves all but one JNI crossing. */
class SampleDeliveryTest extends SampleDeliveryContract {
    @Override
    protected WasmBackend backend() {
        return new WasmtimeBackend();
    }

    @Override
    protected boolean takesSamplesAsRead() {
        return false;
    }
}
