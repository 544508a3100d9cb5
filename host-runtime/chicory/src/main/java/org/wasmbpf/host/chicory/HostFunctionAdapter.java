package org.wasmbpf.host.chicory;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import org.wasmbpf.host.spi.GuestInstance;

/** An engine-neutral import as a Chicory host function bound to one guest. */
final class HostFunctionAdapter {
    private HostFunctionAdapter() {}

    static HostFunction adapt(org.wasmbpf.host.spi.HostFunction f, GuestInstance guest) {
        FunctionType type = FunctionType.of(types(f.params()), types(f.results()));
        return new HostFunction(f.module(), f.name(), type, (instance, args) -> f.body().call(guest, args));
    }

    private static List<ValType> types(List<org.wasmbpf.host.spi.ValType> types) {
        return types.stream().map(t -> switch (t) {
            case I32 -> ValType.I32;
            case I64 -> ValType.I64;
        }).toList();
    }
}
