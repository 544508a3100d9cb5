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
 * {@code wasm_load_bpf_object(buf i32, len i32) -> i64}: opens and loads the ELF object at
 * {@code [buf, buf+len)}; returns a handle, or 0 after telling the user why on stderr.
 */
public final class WasmLoadBpfObject {
    public static final String NAME = "wasm_load_bpf_object";

    private final GuestBpfObjects state;
    private final PrintStream err;

    public WasmLoadBpfObject(GuestBpfObjects state, PrintStream err) {
        this.state = state;
        this.err = err;
    }

    public HostFunction function() {
        return new HostFunction(WasmBpfImports.MODULE, NAME, List.of(I32, I32), List.of(I64),
                (guest, args) -> ImportResults.i64(call(guest, (int) args[0], (int) args[1])));
    }

    long call(GuestInstance guest, int buf, int len) {
        try {
            byte[] elf = GuestPointers.read(guest.memory(), buf, len);
            return state.load(elf);
        } catch (GuestPointers.InvalidPointerException e) {
            ImportResults.report(err, "load", "bad object buffer: " + e.getMessage(), List.of());
        } catch (BpfException e) {
            ImportResults.report(err, "load", e);
        }
        return 0;
    }
}
