package org.wasmbpf.host.imports;

import static org.wasmbpf.host.spi.ValType.I32;
import static org.wasmbpf.host.spi.ValType.I64;

import java.util.List;
import org.wasmbpf.host.bpf.GuestBpfObjects;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.HostFunction;
import org.wasmbpf.host.spi.SampleCallback;
import org.wasmbpf.host.spi.StagedSampleLayout;

/**
 * {@code wasm_bpf_buffer_poll(obj i64, fd i32, sample_func i32, ctx i32, data i32, max_size i32,
 * timeout_ms i32) -> i32}: waits for samples of a ring buffer or perf event array map of the
 * object and hands every one to the guest function at {@code sample_func} in the indirect
 * function table. Returns the number of samples, the callback's first non-zero result, or a
 * negative errno (-EINTR when the run is stopping).
 */
public final class WasmBpfBufferPoll {
    public static final String NAME = "wasm_bpf_buffer_poll";

    private final GuestBpfObjects state;
    private final StagedSampleLayout layout = new StagedSampleLayout();

    public WasmBpfBufferPoll(GuestBpfObjects state) {
        this.state = state;
    }

    public HostFunction function() {
        return new HostFunction(WasmBpfImports.MODULE, NAME, List.of(I64, I32, I32, I32, I32, I32, I32), List.of(I32),
                (guest, args) -> call(guest, args[0], (int) args[1], (int) args[2],
                        (int) args[3], (int) args[4], (int) args[5], (int) args[6]));
    }

    long[] call(GuestInstance guest, long handle, int fd, int sampleFunc, int ctx, int data, int maxSize, int timeoutMs) {
        return GuestSampleDelivery.poll(state, guest, SampleCallback.table(sampleFunc), layout, handle, fd, ctx, data, maxSize, timeoutMs);
    }
}
