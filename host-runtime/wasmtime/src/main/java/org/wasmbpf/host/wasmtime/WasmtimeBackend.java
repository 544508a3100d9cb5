package org.wasmbpf.host.wasmtime;

import static org.wasmbpf.host.spi.ModuleRejectedException.Reason.INVALID;

import io.github.kawamuray.wasmtime.Config;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import java.util.ArrayList;
import java.util.List;
import org.wasmbpf.host.spi.GuestConfig;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.HostFunction;
import org.wasmbpf.host.spi.ModuleRejectedException;
import org.wasmbpf.host.spi.StopSignal;
import org.wasmbpf.host.spi.WasmBackend;
import org.wasmbpf.host.wasmtime.rewrite.WasmBinaryRewriter;
import org.wasmbpf.host.wasmtime.rewrite.WasmFormatException;
import org.wasmbpf.host.wasmtime.rewrite.WasmModuleInfo;
import org.wasmbpf.host.wasmtime.wasi.WasiPreview1;

/**
 * Runs guests on Wasmtime (Cranelift) through wasmtime-java. WASI is this module's own
 * ({@link WasiPreview1}); a module exporting {@code __indirect_function_table} or
 * {@code go-callback} is given the callback trampolines in memory before compilation (the user's
 * file is never touched).
 */
public final class WasmtimeBackend implements WasmBackend {
    public static final String NAME = "wasmtime";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GuestInstance instantiate(byte[] module, GuestConfig config, List<HostFunction> imports) {
        WasmModuleInfo info = ModuleChecks.read(module);
        StopSignal stop = new StopSignal();
        WasiPreview1 wasi = new WasiPreview1(config, stop);
        List<HostFunction> available = new ArrayList<>(imports);
        available.addAll(wasi.functions());
        List<HostFunction> resolved = ImportResolver.resolve(info, available);
        ModuleChecks.requireCommandExports(info);
        byte[] bytes = module;
        if (WasmBinaryRewriter.applies(info)) {
            try {
                bytes = WasmBinaryRewriter.addTrampolines(info);
                info = ModuleChecks.read(bytes);
            } catch (WasmFormatException e) {
                if (WasmBinaryRewriter.needsTableTrampolines(info)) {
                    throw new ModuleRejectedException(INVALID, "cannot add callback trampolines: " + e.getMessage(), e);
                }
                bytes = module; // go-callback is still called, one sample per crossing
            }
        }
        Engine engine = new Engine(new Config().epochInterruption(true));
        Store<Void> store = new Store<>(null, engine);
        // Each guest has its own engine, so one epoch tick (interrupt()) passes this deadline.
        store.setEpochDeadline(1);
        WasmtimeGuest guest = new WasmtimeGuest(engine, store, info, stop, wasi);
        try {
            Module compiled = compile(engine, bytes);
            guest.own(compiled);
            List<Extern> externs = new ArrayList<>();
            for (HostFunction f : resolved) {
                Func func = HostFunctionAdapter.func(store, guest, f);
                guest.own(func);
                externs.add(Extern.fromFunc(func));
            }
            try {
                guest.attach(new Instance(store, compiled, externs));
            } catch (RuntimeException e) {
                throw new ModuleRejectedException(INVALID, "cannot instantiate the module: " + e.getMessage(), e);
            }
            return guest;
        } catch (RuntimeException e) {
            guest.close();
            throw e;
        }
    }

    private static Module compile(Engine engine, byte[] bytes) {
        try {
            return new Module(engine, bytes);
        } catch (RuntimeException e) {
            throw new ModuleRejectedException(INVALID, "malformed WebAssembly module: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no detail)";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
