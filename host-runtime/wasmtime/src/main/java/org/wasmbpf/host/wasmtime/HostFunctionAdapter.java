package org.wasmbpf.host.wasmtime;

import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.FuncType;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import org.wasmbpf.host.spi.HostFunction;

/** Makes an engine-neutral {@link HostFunction} a wasmtime {@link Func} of the guest's store. */
final class HostFunctionAdapter {
    private HostFunctionAdapter() {}

    static Func func(Store<Void> store, WasmtimeGuest guest, HostFunction function) {
        Val.Type[] results = ValConversions.types(function.results());
        FuncType type = new FuncType(ValConversions.types(function.params()), results);
        return new Func(store, type, (caller, params, out) -> {
            long[] args = new long[params.length];
            for (int i = 0; i < params.length; i++) {
                args[i] = ValConversions.toRaw(params[i]);
            }
            long[] values;
            try {
                values = function.body().call(guest, args);
            } catch (Throwable t) {
                throw guest.failures().record(t);
            }
            for (int i = 0; i < results.length; i++) {
                out[i] = ValConversions.toVal(results[i], values[i]);
            }
        });
    }
}
