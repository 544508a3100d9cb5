package org.wasmbpf.host.chicory;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.NameCustomSection;

/** Function index to a name a user can read: the name section's, else {@code function #N}. */
final class FunctionNames {
    private final NameCustomSection names;

    FunctionNames(WasmModule module) {
        this.names = module.nameSection();
    }

    String of(int index) {
        String name = names == null ? null : names.nameOfFunction(index);
        return name != null ? name : "function #" + index;
    }
}
