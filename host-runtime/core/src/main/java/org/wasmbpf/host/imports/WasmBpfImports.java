package org.wasmbpf.host.imports;

import java.io.PrintStream;
import java.util.List;
import org.wasmbpf.host.bpf.GuestBpfObjects;
import org.wasmbpf.host.spi.HostFunction;

/** Every host function a wasm-bpf guest may import, bound to one guest's BPF state. */
public final class WasmBpfImports {
    public static final String MODULE = "wasm_bpf";
    /** The TinyGo convention's module for the callback-less buffer poll. */
    public static final String CALLBACK_WRAPPER_MODULE = "callback-wrapper";

    private WasmBpfImports() {}

    /**
     * @param state the guest's BPF objects (the host closes them on exit)
     * @param err where load and attach failures are reported to the user
     */
    public static List<HostFunction> create(GuestBpfObjects state, PrintStream err) {
        return List.of(
                new WasmLoadBpfObject(state, err).function(),
                new WasmAttachBpfProgram(state, err).function(),
                new WasmBpfMapFdByName(state).function(),
                new WasmBpfMapOperate(state).function(),
                new WasmBpfBufferPoll(state).function(),
                new CallbackWrapperBufferPoll(state).function(),
                new WasmCloseBpfObject(state).function());
    }
}
