package org.wasmbpf.host.chicory;

import static org.wasmbpf.host.spi.ModuleRejectedException.Reason.INVALID;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.wasmbpf.host.spi.GuestConfig;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.HostFunction;
import org.wasmbpf.host.spi.ModuleRejectedException;
import org.wasmbpf.host.spi.StopSignal;
import org.wasmbpf.host.spi.WasmBackend;

/**
 * The SPI on Chicory 1.7.5: WASI preview1 from Chicory (with a stoppable {@code poll_oneoff}),
 * the interpreter or the compiler, and optionally an on-disk cache of compiled classes.
 */
public final class ChicoryBackend implements WasmBackend {
    public static final String NAME = "chicory";

    private final ExecutionMode mode;
    private final CompiledClassCache cache;
    /** Per mode, for the JVM: embedders often make a backend per start. */
    private static final PreparedModules COMPILED = new PreparedModules();
    private static final PreparedModules INTERPRETED = new PreparedModules();

    /** The default mode, no cache. */
    public ChicoryBackend() {
        this(ExecutionMode.DEFAULT, null);
    }

    public ChicoryBackend(ExecutionMode mode) {
        this(mode, null);
    }

    /**
     * @param compiledClassCache directory for compiled classes (compiler mode only), or null for
     *     none; created on first use
     */
    public ChicoryBackend(ExecutionMode mode, Path compiledClassCache) {
        this.mode = mode;
        this.cache = compiledClassCache == null ? null : new CompiledClassCache(compiledClassCache);
    }

    /** Forgets the modules prepared in this JVM, so that tests reach the on-disk cache. */
    static void forgetPreparedModules() {
        COMPILED.clear();
        INTERPRETED.clear();
    }

    @Override
    public String name() {
        return NAME;
    }

    public ExecutionMode mode() {
        return mode;
    }

    @Override
    public GuestInstance instantiate(byte[] bytes, GuestConfig config, List<HostFunction> imports) {
        // Failing modules are never kept: decode and compile throw before anything is stored.
        PreparedModules prepared = mode == ExecutionMode.INTERPRETER ? INTERPRETED : COMPILED;
        PreparedModules.Prepared p = prepared.get(bytes, this::prepare);
        WasmModule module = p.module();
        StopSignal stop = new StopSignal();
        WasiPreview1 wasi = GuestWasi.create(config);
        ChicoryGuest guest = new ChicoryGuest(module, p.names(), wasi, stop);
        List<ImportFunction> provided = new ArrayList<>(GuestWasi.functions(wasi, stop));
        imports.forEach(f -> provided.add(HostFunctionAdapter.adapt(f, guest)));
        try {
            LinkCheck.check(module, provided);
            Instance.Builder builder = Instance.builder(module)
                    .withImportValues(ImportValues.builder().withFunctions(provided).build())
                    .withStart(false)
                    // Its accesses are VarHandle reads of byte arrays, which the JIT compiles smaller
                    // and sooner than ByteBuffer's (with their bounds and session checks): per ring
                    // buffer sample, ~25% less CPU for a Java guest, where JIT time is half the cost.
                    .withMemoryFactory(ByteArrayMemory::new)
                    .withMachineFactory(p.machines());
            if (mode == ExecutionMode.INTERPRETER) {
                builder.withUnsafeExecutionListener(guest.interruptCheck());
            }
            guest.bind(builder.build());
            return guest;
        } catch (ModuleRejectedException e) {
            wasi.close();
            throw e;
        } catch (ChicoryException e) {
            wasi.close();
            throw new ModuleRejectedException(INVALID, "cannot instantiate the module: " + e.getMessage(), e);
        }
    }

    private PreparedModules.Prepared prepare(byte[] bytes) {
        if (mode == ExecutionMode.COMPILER && cache != null) {
            PreparedModules.Prepared cached = fromCache(bytes);
            if (cached != null) {
                return cached;
            }
        }
        WasmModule module = ModuleDecoder.decode(bytes);
        try {
            return new PreparedModules.Prepared(module, FunctionNames.of(module), machineFactory(module, bytes));
        } catch (ChicoryException e) {
            throw new ModuleRejectedException(INVALID, "cannot instantiate the module: " + e.getMessage(), e);
        }
    }

    /**
     * The module with the classes the cache holds for these bytes, or null if it holds none that
     * load. A module with an entry passed validation when the entry was made, so it is parsed
     * without, and only as far as instantiating it needs: the classes stand for the function
     * bodies, unless Chicory's interpreter runs some, and the name section waits for a failure to
     * name a function. On a miss the caller parses with validation and compiles.
     */
    private PreparedModules.Prepared fromCache(byte[] bytes) {
        String key = CompiledClassCache.keyOf(bytes);
        byte[] classes;
        try {
            classes = cache.classesFor(key, bytes);
        } catch (IOException e) {
            return null;
        }
        if (classes == null) {
            return null;
        }
        CachedMachineClasses machine;
        try {
            machine = CachedMachineClasses.read(classes);
        } catch (IOException e) {
            evict(key);
            return null;
        }
        boolean interpreted = machine.callsInterpreter();
        WasmModule module = interpreted ? ModuleDecoder.decodeUnvalidated(bytes)
                : ModuleDecoder.decodeWithoutCode(bytes, key);
        FunctionNames names = interpreted ? FunctionNames.of(module) : FunctionNames.parsedFrom(bytes);
        try {
            return new PreparedModules.Prepared(module, names, machine.machineFactory());
        } catch (RuntimeException | LinkageError e) {
            evict(key);
            return null;
        }
    }

    private Function<Instance, Machine> machineFactory(WasmModule module, byte[] bytes) {
        if (mode == ExecutionMode.INTERPRETER) {
            return TrapLocatingInterpreter::new;
        }
        if (cache != null) {
            return compiler(module).withCache(cache.writerFor(bytes)).compile();
        }
        return compiler(module).compile();
    }

    private static MachineFactoryCompiler.Builder compiler(WasmModule module) {
        // Functions too large for one JVM method run in Chicory's interpreter, without a warning
        // on the guest's stderr.
        return MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.SILENT);
    }

    private void evict(String key) {
        try {
            cache.evict(key);
        } catch (IOException ignored) {
            // the next run tries again
        }
    }
}
