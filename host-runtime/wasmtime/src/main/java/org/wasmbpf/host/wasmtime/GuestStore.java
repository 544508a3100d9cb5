package org.wasmbpf.host.wasmtime;

import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Store;
import java.util.ArrayList;
import java.util.List;
import org.wasmbpf.host.spi.HostFunction;

/**
 * A {@link Store} with the module's host functions in it, kept with a compiled module
 * ({@link CompiledModules.Lease}) for its next guests. Wasmtime 0.19 compiles a trampoline for
 * every host function it is given (100-250 µs each, ~2.6 ms for bootstrap's 13 imports), so
 * making them once and pointing them at each guest in turn saves that on every warm start.
 *
 * <p>A store frees its instances only when it is disposed, so it serves at most
 * {@value #MAX_GUESTS} guests; the guest after that gets a new store.
 */
final class GuestStore {
    static final int MAX_GUESTS = 8;

    /** The guest being served and its host functions, in the module's import order. */
    record Target(WasmtimeGuest guest, List<HostFunction> functions) {}

    private final Store<Void> store;
    private final List<Extern> externs = new ArrayList<>();
    private final List<Func> funcs = new ArrayList<>();
    private volatile Target target;
    private int guests;

    /**
     * @param imports the host functions resolved for the module's imports, in their order; their
     *     types (not their bodies, which each guest brings) are fixed for this store
     */
    GuestStore(Engine engine, List<HostFunction> imports) {
        store = new Store<>(null, engine);
        try {
            for (int i = 0; i < imports.size(); i++) {
                Func func = HostFunctionAdapter.func(store, imports.get(i), this, i);
                funcs.add(func);
                externs.add(Extern.fromFunc(func));
            }
        } catch (RuntimeException | Error e) {
            dispose();
            throw e;
        }
    }

    Store<Void> store() {
        return store;
    }

    List<Extern> externs() {
        return externs;
    }

    /** Points the host functions at {@code next}, whose functions must have this store's types. */
    void serve(WasmtimeGuest guest, List<HostFunction> functions) {
        guests++;
        target = new Target(guest, List.copyOf(functions));
    }

    Target target() {
        return target;
    }

    /** Called when the guest served is closed. @return whether this store may serve another */
    boolean release() {
        target = null;
        return guests < MAX_GUESTS;
    }

    void dispose() {
        for (int i = funcs.size() - 1; i >= 0; i--) {
            funcs.get(i).dispose();
        }
        store.dispose();
    }
}
