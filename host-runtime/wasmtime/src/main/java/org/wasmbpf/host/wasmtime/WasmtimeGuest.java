package org.wasmbpf.host.wasmtime;

import io.github.kawamuray.wasmtime.Disposable;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.GuestMemory;
import org.wasmbpf.host.spi.GuestTrapException;
import org.wasmbpf.host.spi.SampleBatch;
import org.wasmbpf.host.spi.SampleCallback;
import org.wasmbpf.host.spi.SampleDelivery;
import org.wasmbpf.host.spi.StopSignal;
import org.wasmbpf.host.wasmtime.rewrite.WasmBinaryRewriter;
import org.wasmbpf.host.wasmtime.rewrite.WasmModuleInfo.FuncType;
import org.wasmbpf.host.wasmtime.rewrite.WasmModuleInfo;
import org.wasmbpf.host.wasmtime.wasi.GuestExit;
import org.wasmbpf.host.wasmtime.wasi.WasiPreview1;

/**
 * One guest on a {@link Store} and an {@link Engine} lent to it alone while it runs
 * ({@link CompiledModules}, {@link GuestStore}), so that stopping it (an epoch increment) touches
 * no other guest. Calls into the guest go through exported functions only; table callbacks use
 * the trampolines {@link WasmBinaryRewriter} added.
 */
public final class WasmtimeGuest implements GuestInstance {
    private final CompiledModules.Lease lease;
    private final Store<Void> store;
    private final WasmModuleInfo info;
    private final StopSignal stop;
    private final HostFailures failures;
    private final WasiPreview1 wasi;
    private final boolean wrapsPolls;
    private final List<Disposable> owned = new ArrayList<>();
    private final Map<String, Func> exports = new HashMap<>();
    private final SampleBatcher batcher = new SampleBatcher(this::memory);
    /** go-callback and its batching trampoline. */
    private final SampleBatcher.Calls goCalls = new SampleBatcher.Calls() {
        @Override
        public int one(int ctx, int data, int size) {
            return (int) callExport(WasmBinaryRewriter.GO_CALLBACK, ctx, data, size)[0];
        }

        @Override
        public int batch(int ctx, int data, int batch, int count) {
            return (int) callExport(WasmBinaryRewriter.DELIVER_GO, ctx, data, batch, count)[0];
        }
    };
    private Instance instance;
    private WasmtimeMemory memory;
    // interrupt() may come from another thread at any time; it must not tick a disposed engine.
    private final Object lifecycle = new Object();
    private boolean closed;

    WasmtimeGuest(CompiledModules.Lease lease, Store<Void> store, WasmModuleInfo info, StopSignal stop, WasiPreview1 wasi,
            boolean wrapsPolls) {
        this.wrapsPolls = wrapsPolls;
        this.lease = lease;
        this.store = store;
        this.info = info;
        this.stop = stop;
        this.failures = new HostFailures(stop);
        this.wasi = wasi;
    }

    HostFailures failures() {
        return failures;
    }

    void own(Disposable d) {
        owned.add(d);
    }

    void attach(Instance instance) {
        this.instance = instance;
        own(instance);
        this.memory = new WasmtimeMemory(store, instance.getMemory(store, "memory").orElseThrow());
    }

    @Override
    public GuestMemory memory() {
        return memory;
    }

    @Override
    public boolean hasExport(String name) {
        return info.export(name, WasmModuleInfo.KIND_FUNC).isPresent();
    }

    @Override
    public long[] callExport(String name, long... args) {
        WasmModuleInfo.Export export = info.export(name, WasmModuleInfo.KIND_FUNC)
                .orElseThrow(() -> new IllegalArgumentException("guest exports no function " + name));
        FuncType type = info.functionType(export.index());
        if (type.params().length != args.length) {
            throw new IllegalArgumentException(name + " takes " + type.params().length + " arguments, not " + args.length);
        }
        Val[] vals = new Val[args.length];
        for (int i = 0; i < args.length; i++) {
            vals[i] = ValConversions.toVal(ValConversions.type(type.params()[i]), args[i]);
        }
        Func func = exports.computeIfAbsent(name, n -> {
            Func f = instance.getFunc(store, n).orElseThrow();
            own(f);
            return f;
        });
        Val[] results;
        try {
            results = func.call(store, vals);
        } catch (RuntimeException e) {
            throw failures.translate(e, name);
        }
        long[] out = new long[results.length];
        for (int i = 0; i < results.length; i++) {
            out[i] = ValConversions.toRaw(results[i]);
        }
        return out;
    }

    /** Whether the rewriter sent the guest's poll calls to its wrapper ({@link WasmBinaryRewriter#rewrite}). */
    @Override
    public boolean deliversStagedSamples() {
        return wrapsPolls;
    }

    @Override
    public int callSampleCallback(int index, int ctx, int data, int size) {
        requireTrampolines();
        return (int) callExport(WasmBinaryRewriter.CALL_SAMPLE, index, ctx, data, size)[0];
    }

    /**
     * Batches through the rewriter's trampolines: {@value WasmBinaryRewriter#DELIVER} for a table
     * callback, {@value WasmBinaryRewriter#DELIVER_GO} for {@code go-callback}; any other export
     * gets the default, one crossing per sample.
     */
    @Override
    public SampleDelivery deliverSamples(SampleCallback callback, int ctx, int data, int maxSize, SampleBatch samples) {
        if (callback instanceof SampleCallback.TableEntry t) {
            requireTrampolines();
            return batcher.deliver(tableCalls(t.index()), ctx, data, maxSize, samples);
        }
        String name = ((SampleCallback.Export) callback).name();
        if (name.equals(WasmBinaryRewriter.GO_CALLBACK) && hasExport(WasmBinaryRewriter.DELIVER_GO)) {
            return batcher.deliver(goCalls, ctx, data, maxSize, samples);
        }
        return GuestInstance.super.deliverSamples(callback, ctx, data, maxSize, samples);
    }

    private SampleBatcher.Calls tableCalls(int index) {
        return new SampleBatcher.Calls() {
            @Override
            public int one(int ctx, int data, int size) {
                return callSampleCallback(index, ctx, data, size);
            }

            @Override
            public int batch(int ctx, int data, int batch, int count) {
                return (int) callExport(WasmBinaryRewriter.DELIVER, index, ctx, data, batch, count)[0];
            }
        };
    }

    private void requireTrampolines() {
        if (!hasExport(WasmBinaryRewriter.CALL_SAMPLE)) {
            throw new GuestTrapException("guest exports no " + WasmBinaryRewriter.TABLE_EXPORT
                    + ", so it has no table callbacks", null);
        }
    }

    @Override
    public int runStart() {
        try {
            callExport("_start");
            return 0;
        } catch (GuestExit e) {
            return e.code();
        } finally {
            wasi.flush();
        }
    }

    @Override
    public void requestStop() {
        stop.request();
    }

    @Override
    public void interrupt() {
        stop.stop();
        synchronized (lifecycle) {
            if (!closed) {
                lease.engine().incrementEpoch();
            }
        }
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        wasi.flush();
        for (int i = owned.size() - 1; i >= 0; i--) {
            owned.get(i).dispose();
        }
        lease.close(); // only after its objects: the next guest of this engine must be the only one

    }
}
