package org.wasmbpf.host.chicory;

import org.junit.jupiter.api.Nested;
import org.wasmbpf.host.spi.WasmBackend;
import org.wasmbpf.host.testing.SampleDeliveryContract;

/** Delivery of many samples from inside a host import, one guest call per sample, in both modes (taken as read, too). */
class SampleDeliveryTest {
    @Nested
    class Compiler extends SampleDeliveryContract {
        @Override
        protected WasmBackend backend() {
            return new ChicoryBackend(ExecutionMode.COMPILER);
        }

        @Override
        protected boolean takesSamplesAsRead() {
            return true;
        }
    }

    @Nested
    class Interpreter extends SampleDeliveryContract {
        @Override
        protected WasmBackend backend() {
            return new ChicoryBackend(ExecutionMode.INTERPRETER);
        }

        @Override
        protected boolean takesSamplesAsRead() {
            return false;
        }
    }
}
