package org.wasmbpf.host.wasmtime;

import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.FuncType;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import org.wasmbpf.host.spi.HostFunction;

/**
 * Makes an engine-neutral {@link HostFunction} a wasmtime {@link Func} of a {@link GuestStore}:
 * the func has the function's type and calls the import of the same index of whichever guest
 * the store serves at the time.
 */
final class HostFunctionAdapter {
    private HostFunctionAdapter() {}

    static Func func(Store<Void> store, HostFunction signature, GuestStore owner, int index) {
        Val.Type[] results = ValConversions.types(signature.results());
        FuncType type = new FuncType(ValConversions.types(signature.params()), results);
        return new Func(store, type, (caller, params, out) -> {
            GuestStore.Target target = owner.target();
            long[] args = new long[params.length];
            for (int i = 0; i < params.length; i++) {
                args[i] = ValConversions.toRaw(params[i]);
            }
            long[] values;
            try {
                values = target.functions().get(index).body().call(target.guest(), args);
            } catch (Throwable t) {
                throw target.guest().failures().record(t);
            }
            for (int i = 0; i < results.length; i++) {
                out[i] = ValConversions.toVal(results[i], values[i]);
            }
        });
    }
}
