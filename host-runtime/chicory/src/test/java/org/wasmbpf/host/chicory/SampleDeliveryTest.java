package org.wasmbpf.host.chicory;

import org.junit.jupiter.api.Nested;
import org.wasmbpf.host.spi.WasmBackend;
import org.wasmbpf.host.testing.SampleDeliveryContract;

/** Delivery of many samples from inside a host import, one machine call per sample, in both modes. */
class SampleDeliveryTest {
    @Nested
    class Compiler extends SampleDeliveryContract {
        @Override
        protected WasmBackend backend() {
            return new ChicoryBackend(ExecutionMode.COMPILER);
        }
    }

    @Nested
    class Interpreter extends SampleDeliveryContract {
        @Override
        protected WasmBackend backend() {
            return new ChicoryBackend(ExecutionMode.INTERPRETER);
        }
    }
}
