package org.wasmbpf.host.imports;

import static org.wasmbpf.host.spi.ValType.I32;
import static org.wasmbpf.host.spi.ValType.I64;

import java.io.PrintStream;
import java.util.List;
import org.wasmbpf.host.GuestPointers;
import org.wasmbpf.host.bpf.GuestBpfObjects;
import org.wasmbpf.host.libbpf.BpfException;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.HostFunction;

/**
 * {@code wasm_attach_bpf_program(obj i64, name i32, target i32) -> i32}: attaches the program
 * with that function name; target 0 or "" auto-attaches by section. 0 or a negative errno;
 * attach failures are also reported on stderr with libbpf's explanation.
 */
public final class WasmAttachBpfProgram {
    public static final String NAME = "wasm_attach_bpf_program";

    private final GuestBpfObjects state;
    private final PrintStream err;

    public WasmAttachBpfProgram(GuestBpfObjects state, PrintStream err) {
        this.state = state;
        this.err = err;
    }

    public HostFunction function() {
        return new HostFunction(WasmBpfImports.MODULE, NAME, List.of(I64, I32, I32), List.of(I32),
                (guest, args) -> ImportResults.guestResult(call(guest, args[0], (int) args[1], (int) args[2])));
    }

    int call(GuestInstance guest, long handle, int namePtr, int targetPtr) {
        try {
            String program = GuestPointers.readCString(guest.memory(), namePtr);
            String target = GuestPointers.readOptionalCString(guest.memory(), targetPtr);
            state.attach(handle, program, target);
            return 0;
        } catch (GuestPointers.InvalidPointerException e) {
            return -e.errno();
        } catch (BpfException e) {
            ImportResults.report(err, "attach", e);
            return -e.errno();
        }
    }
}
