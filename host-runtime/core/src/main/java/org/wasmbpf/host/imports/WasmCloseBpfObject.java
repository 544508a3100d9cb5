package org.wasmbpf.host.imports;

import static org.wasmbpf.host.spi.ValType.I32;
import static org.wasmbpf.host.spi.ValType.I64;

import java.util.List;
import org.wasmbpf.host.bpf.GuestBpfObjects;
import org.wasmbpf.host.libbpf.BpfException;
import org.wasmbpf.host.spi.HostFunction;

/**
 * {@code wasm_close_bpf_object(obj i64) -> i32}: detaches the object's programs and frees its
 * buffers and maps; 0, or -EINVAL for a handle this guest does not hold.
 */
public final class WasmCloseBpfObject {
    public static final String NAME = "wasm_close_bpf_object";

    private final GuestBpfObjects state;

    public WasmCloseBpfObject(GuestBpfObjects state) {
        this.state = state;
    }

    public HostFunction function() {
        return new HostFunction(WasmBpfImports.MODULE, NAME, List.of(I64), List.of(I32),
                (guest, args) -> ImportResults.guestResult(call(args[0])));
    }

    int call(long handle) {
        try {
            state.close(handle);
            return 0;
        } catch (BpfException e) {
            return -e.errno();
        }
    }
}
