package org.wasmbpf.host.imports;

import static org.wasmbpf.host.spi.ValType.I32;
import static org.wasmbpf.host.spi.ValType.I64;

import java.util.List;
import org.wasmbpf.host.bpf.GuestBpfObjects;
import org.wasmbpf.host.libbpf.Errno;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.HostFunction;
import org.wasmbpf.host.spi.SampleCallback;
import org.wasmbpf.host.spi.StagedSampleLayout;

/**
 * The TinyGo convention: {@code callback-wrapper.wasm_bpf_buffer_poll(obj i64, fd i32, ctx i32,
 * data i32, max_size i32, timeout_ms i32) -> i32}, which calls the guest's export
 * {@code go-callback(ctx, data, size) -> i32} for each sample; otherwise as {@link WasmBpfBufferPoll}.
 * -EINVAL when the guest does not export {@code go-callback}.
 */
public final class CallbackWrapperBufferPoll {
    public static final String NAME = "wasm_bpf_buffer_poll";
    public static final String CALLBACK_EXPORT = "go-callback";
    private static final SampleCallback GO_CALLBACK = SampleCallback.export(CALLBACK_EXPORT);

    private final GuestBpfObjects state;
    private final StagedSampleLayout layout = new StagedSampleLayout();

    public CallbackWrapperBufferPoll(GuestBpfObjects state) {
        this.state = state;
    }

    public HostFunction function() {
        return new HostFunction(WasmBpfImports.CALLBACK_WRAPPER_MODULE, NAME, List.of(I64, I32, I32, I32, I32, I32),
                List.of(I32), (guest, args) -> call(guest, args[0], (int) args[1],
                        (int) args[2], (int) args[3], (int) args[4], (int) args[5]));
    }

    long[] call(GuestInstance guest, long handle, int fd, int ctx, int data, int maxSize, int timeoutMs) {
        if (!guest.hasExport(CALLBACK_EXPORT)) {
            return ImportResults.guestResult(-Errno.EINVAL);
        }
        return GuestSampleDelivery.poll(state, guest, GO_CALLBACK, layout, handle, fd, ctx, data, maxSize, timeoutMs);
    }
}
