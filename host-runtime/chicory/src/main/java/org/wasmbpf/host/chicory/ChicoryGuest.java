package org.wasmbpf.host.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import java.util.function.Supplier;
import org.wasmbpf.host.libbpf.SampleSink;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.GuestMemory;
import org.wasmbpf.host.spi.GuestTrapException;
import org.wasmbpf.host.spi.SampleBatch;
import org.wasmbpf.host.spi.SampleCallback;
import org.wasmbpf.host.spi.SampleDelivery;
import org.wasmbpf.host.spi.StopSignal;

/**
 * One guest on Chicory. Calls made from the host at top level have their failures mapped to the
 * SPI's exceptions; calls made while the guest runs (callbacks from inside a host import) let
 * Chicory's exceptions through, so the outermost call maps them with their origin intact.
 */
final class ChicoryGuest implements GuestInstance {
    static final String CALLBACK_TABLE = "__indirect_function_table";
    private static final FunctionType SAMPLE_CALLBACK =
            FunctionType.of(List.of(ValType.I32, ValType.I32, ValType.I32), List.of(ValType.I32));

    private final WasmModule module;
    private final WasiPreview1 wasi;
    private final StopSignal stop;
    private final FunctionNames names;
    private final GuestFailures failures;
    private Instance instance;
    private GuestMemory memory;
    private TableInstance callbackTable;
    private volatile Thread runner;
    private volatile boolean interrupted;
    /** Guest calls in progress on the running thread; 0 when the host calls in from outside. */
    private int depth;
    private CompiledCallbacks compiledCallbacks;
    /** The last poll's sink, kept for the next: a guest polls with the same arguments each time. */
    private ChicorySampleSink sampleSink;

    ChicoryGuest(WasmModule module, FunctionNames names, WasiPreview1 wasi, StopSignal stop) {
        this.module = module;
        this.wasi = wasi;
        this.stop = stop;
        this.names = names;
        this.failures = new GuestFailures(names);
    }

    void bind(Instance instance) {
        this.instance = instance;
        this.memory = new ChicoryMemory(instance);
        Export table = LinkCheck.export(module, CALLBACK_TABLE, ExternalType.TABLE);
        this.callbackTable = table == null ? null : instance.table(table.index());
    }

    /**
     * For the interpreter, which checks the interrupt flag only on calls and unconditional
     * branches: a loop closed by {@code br_if} would otherwise never see {@link #interrupt()}.
     */
    ExecutionListener interruptCheck() {
        return (instruction, stack) -> {
            if (interrupted && instruction.opcode() == OpCode.BR_IF) {
                throw new ChicoryInterruptedException("Thread interrupted");
            }
        };
    }

    @Override
    public GuestMemory memory() {
        return memory;
    }

    @Override
    public boolean hasExport(String name) {
        return LinkCheck.exports(module, name, ExternalType.FUNCTION);
    }

    @Override
    public long[] callExport(String name, long... args) {
        return guestCall(() -> instance.export(name).apply(args));
    }

    @Override
    public int callSampleCallback(int index, int ctx, int data, int size) {
        int function = callbackFunction(index);
        long[] result = guestCall(() -> instance.getMachine().call(function, new long[] {ctx, data, size}));
        return (int) result[0];
    }

    /**
     * While the guest runs (the poll import asks) and its callback is compiled: each sample goes
     * from the buffer to the guest and its callback as it is read, through the compiled method.
     */
    @Override
    public SampleSink sampleSink(SampleCallback callback, int ctx, int data, int maxSize) {
        if (depth == 0) {
            return null;
        }
        int function = callbackFunction(callback);
        if (sampleSink == null || !sampleSink.serves(function, ctx, data, maxSize)) {
            if (compiledCallbacks == null) {
                compiledCallbacks = new CompiledCallbacks(instance.getMachine());
            }
            CompiledSampleCallback compiled = compiledCallbacks.sampleCallback(function);
            if (compiled == null) {
                // Interpreted: a call costs microseconds, and staged samples leave the kernel's
                // buffer at once instead of waiting for their callbacks.
                return null;
            }
            sampleSink = new ChicorySampleSink(instance, compiled, function, ctx, data, maxSize);
        }
        return sampleSink;
    }

    /**
     * While the guest runs (the poll import calls this), resolves the callback once per batch and
     * calls it straight through the machine: a sample costs one copy and one guest call.
     */
    @Override
    public SampleDelivery deliverSamples(SampleCallback callback, int ctx, int data, int maxSize, SampleBatch samples) {
        if (depth == 0) {
            return GuestInstance.super.deliverSamples(callback, ctx, data, maxSize, samples);
        }
        int function = callbackFunction(callback);
        Machine machine = instance.getMachine();
        Memory guestMemory = instance.memory();
        byte[] bytes = samples.array();
        int n = samples.count();
        for (int i = 0; i < n; i++) {
            int size = Math.min(samples.size(i), maxSize);
            guestMemory.write(data, bytes, samples.offset(i), size);
            int result = (int) machine.call(function, new long[] {ctx, data, size})[0];
            if (result != 0) {
                return new SampleDelivery(i + 1, result);
            }
        }
        return new SampleDelivery(n, 0);
    }

    @Override
    public int runStart() {
        runner = Thread.currentThread();
        depth++;
        try {
            if (interrupted) {
                throw new ChicoryInterruptedException("Thread interrupted");
            }
            instance.export(LinkCheck.START).apply();
            return 0;
        } catch (RuntimeException | StackOverflowError e) {
            return failures.exitCodeOrThrow(e, interpreter(), interrupted);
        } finally {
            depth--;
            runner = null;
            Thread.interrupted(); // the hard stop is over; the host's clean-up must not see it
        }
    }

    @Override
    public void requestStop() {
        stop.request();
    }

    @Override
    public void interrupt() {
        interrupted = true;
        Thread t = runner;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public void close() {
        wasi.close();
    }

    private int callbackFunction(SampleCallback callback) {
        return callback instanceof SampleCallback.TableEntry t
                ? callbackFunction(t.index())
                : exportedFunction(((SampleCallback.Export) callback).name());
    }

    private int callbackFunction(int index) {
        if (callbackTable == null) {
            throw new GuestTrapException("callback " + index + ": the module exports no " + CALLBACK_TABLE, null);
        }
        if (index < 0 || index >= callbackTable.size()) {
            throw new GuestTrapException("callback index " + index + " is outside " + CALLBACK_TABLE
                    + " (size " + callbackTable.size() + ")", null);
        }
        int function = callbackTable.ref(index);
        if (function < 0 || function >= instance.functionCount()) {
            throw new GuestTrapException("callback index " + index + " is an empty entry of " + CALLBACK_TABLE, null);
        }
        FunctionType type = instance.type(instance.functionType(function));
        if (!type.typesMatch(SAMPLE_CALLBACK)) {
            throw new GuestTrapException("callback index " + index + " is " + names.of(function) + " of type "
                    + type + ", not (i32 ctx, i32 data, i32 size) -> i32", null);
        }
        return function;
    }

    private int exportedFunction(String name) {
        Export export = LinkCheck.export(module, name, ExternalType.FUNCTION);
        if (export == null) {
            throw new GuestTrapException("the module exports no function " + name, null);
        }
        return export.index();
    }

    private long[] guestCall(Supplier<long[]> call) {
        if (depth > 0) {
            return call.get();
        }
        runner = Thread.currentThread();
        depth++;
        try {
            return call.get();
        } catch (RuntimeException | StackOverflowError e) {
            int exit = failures.exitCodeOrThrow(e, interpreter(), interrupted);
            throw new GuestTrapException("guest called proc_exit(" + exit + ") in a call from the host", e);
        } finally {
            depth--;
            runner = null;
        }
    }

    private TrapLocatingInterpreter interpreter() {
        return instance.getMachine() instanceof TrapLocatingInterpreter t ? t : null;
    }
}
