package org.wasmbpf.host.imports;

import static org.wasmbpf.host.spi.ValType.I32;
import static org.wasmbpf.host.spi.ValType.I64;

import java.util.List;
import org.wasmbpf.host.GuestPointers;
import org.wasmbpf.host.bpf.GuestBpfObjects;
import org.wasmbpf.host.libbpf.BpfException;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.HostFunction;

/**
 * {@code wasm_bpf_map_fd_by_name(obj i64, name i32) -> i32}: the fd of the object's map with
 * that name or internal section name (".rodata"); -ENOENT when there is none.
 */
public final class WasmBpfMapFdByName {
    public static final String NAME = "wasm_bpf_map_fd_by_name";

    private final GuestBpfObjects state;

    public WasmBpfMapFdByName(GuestBpfObjects state) {
        this.state = state;
    }

    public HostFunction function() {
        return new HostFunction(WasmBpfImports.MODULE, NAME, List.of(I64, I32), List.of(I32),
                (guest, args) -> ImportResults.guestResult(call(guest, args[0], (int) args[1])));
    }

    int call(GuestInstance guest, long handle, int namePtr) {
        try {
            return state.mapFd(handle, GuestPointers.readCString(guest.memory(), namePtr));
        } catch (GuestPointers.InvalidPointerException e) {
            return -e.errno();
        } catch (BpfException e) {
            return -e.errno();
        }
    }
}
