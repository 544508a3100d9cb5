package org.wasmbpf.host.wasmtime;

import static org.wasmbpf.host.spi.ModuleRejectedException.Reason.INVALID;

import io.github.kawamuray.wasmtime.Config;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wasmbpf.host.spi.GuestConfig;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.HostFunction;
import org.wasmbpf.host.spi.ModuleRejectedException;
import org.wasmbpf.host.spi.StopSignal;
import org.wasmbpf.host.spi.WasmBackend;
import org.wasmbpf.host.wasm.WasmFormatException;
import org.wasmbpf.host.wasmtime.rewrite.WasmBinaryRewriter;
import org.wasmbpf.host.wasmtime.rewrite.WasmModuleInfo;
import org.wasmbpf.host.wasmtime.wasi.WasiPreview1;

/**
 * Runs guests on Wasmtime (Cranelift) through wasmtime-java. WASI is this module's own
 * ({@link WasiPreview1}); a module exporting {@code __indirect_function_table} or
 * {@code go-callback} is given the callback trampolines in memory before compilation (the user's
 * file is never touched). Compiled modules are kept for the next start in this JVM
 * ({@link CompiledModules}) and, with a cache directory, on disk ({@link CompiledModuleDiskCache}).
 */
public final class WasmtimeBackend implements WasmBackend {
    public static final String NAME = "wasmtime";

    /** For the JVM: embedders often make a backend per start. */
    private static final CompiledModules COMPILED = new CompiledModules();

    private final CompiledModuleDiskCache diskCache;
    private final CompiledModules compiled;

    /** No disk cache. */
    public WasmtimeBackend() {
        this(null);
    }

    /**
     * @param cacheDir the directory of the caches (the CLI's {@code --cache-dir}, e.g.
     *     {@code ~/.cache/wasm-bpf}), or null for none: compiled modules and the copy of the JNI
     *     library go under its {@code wasmtime} subdirectory, created on first use
     */
    public WasmtimeBackend(Path cacheDir) {
        this(cacheDir, COMPILED);
    }

    WasmtimeBackend(Path cacheDir, CompiledModules compiled) {
        Path own = cacheDir == null ? null : cacheDir.resolve(NAME);
        WasmtimeNatives.load(own == null ? null : own.resolve("jni-" + CompiledModuleDiskCache.BINDING_VERSION));
        this.diskCache = own == null ? null : new CompiledModuleDiskCache(own);
        this.compiled = compiled;
    }

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
        boolean wrapsPolls = false;
        if (WasmBinaryRewriter.applies(info)) {
            try {
                WasmBinaryRewriter.Rewritten rewritten = WasmBinaryRewriter.rewrite(info);
                bytes = rewritten.bytes();
                wrapsPolls = rewritten.wrapsPolls();
                info = ModuleChecks.read(bytes);
                resolved = thin(resolved, rewritten.thinned());
            } catch (WasmFormatException e) {
                if (WasmBinaryRewriter.needsTableTrampolines(info)) {
                    throw new ModuleRejectedException(INVALID, "cannot add callback trampolines: " + e.getMessage(), e);
                }
                bytes = module; // go-callback is still called, one sample per crossing
            }
        }
        byte[] toCompile = bytes;
        CompiledModules.Lease lease = compiled.take(engineKey(), toCompile,
                this::newEngine, engine -> compile(engine, toCompile));
        GuestStore store;
        try {
            store = lease.store(resolved);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
        // The engine is this guest's alone while it runs, so one epoch tick (interrupt()) passes
        // this deadline, counted from the engine's epoch now (earlier guests may have ticked it).
        store.store().setEpochDeadline(1);
        WasmtimeGuest guest = new WasmtimeGuest(lease, store.store(), info, stop, wasi, wrapsPolls);
        store.serve(guest, resolved);
        try {
            try {
                guest.attach(new Instance(store.store(), lease.module(), store.externs()));
            } catch (RuntimeException e) {
                throw new ModuleRejectedException(INVALID, "cannot instantiate the module: " + e.getMessage(), e);
            }
            return guest;
        } catch (RuntimeException e) {
            guest.close();
            throw e;
        }
    }

    /** {@code imports} with each of the {@code thinned} (function import indices) in its thin-call form. */
    private static List<HostFunction> thin(List<HostFunction> imports, List<Integer> thinned) {
        if (thinned.isEmpty()) {
            return imports;
        }
        List<HostFunction> out = new ArrayList<>(imports);
        thinned.forEach(i -> out.set(i, ThinHostFunction.of(imports.get(i))));
        return out;
    }

    /** The part of a compiled module's key that stands for the engine's configuration. */
    private String engineKey() {
        return diskCache == null ? "epoch;" : "epoch;disk=" + diskCache.entries() + ";";
    }

    private Engine newEngine() {
        Config config = new Config().epochInterruption(true);
        if (diskCache != null) {
            try {
                config = diskCache.enable(config);
            } catch (IOException | RuntimeException e) {
                // An unusable cache directory must not stop the run: compile without it.
                config.dispose();
                config = new Config().epochInterruption(true);
            }
        }
        return new Engine(config);
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
