package org.wasmbpf.host;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;
import org.wasmbpf.host.libbpf.SampleSink;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.GuestMemory;
import org.wasmbpf.host.spi.SampleBatch;
import org.wasmbpf.host.spi.SampleCallback;
import org.wasmbpf.host.spi.SampleDelivery;

/**
 * A guest for testing imports without an engine: sample callbacks (by table index or through
 * the TinyGo export "go-callback") are recorded with a copy of the bytes at {@code data}, and
 * each {@link #deliverSamples} call (one batch) with its sample count; the delivery itself is
 * the SPI's default, one callback per sample.
 */
public final class FakeGuest implements GuestInstance {
    /** One callback as the guest saw it. */
    public record Call(int table, int ctx, int data, int size, byte[] bytes) {
        @Override
        public String toString() {
            return "Call[table=" + table + ", ctx=" + ctx + ", data=" + data + ", size=" + size + ", bytes="
                    + Arrays.toString(bytes) + "]";
        }
    }

    /** Table index recorded for calls made through the go-callback export. */
    public static final int GO_CALLBACK = -1;

    public final FakeGuestMemory memory;
    public final List<Call> calls = new ArrayList<>();
    /** The sample count of each batch the host handed over, in order. */
    public final List<Integer> batches = new ArrayList<>();
    private final boolean exportsGoCallback;
    /** Samples taken one by one as a buffer was read ({@link #takeSamplesAsRead}). */
    public int takenAsRead;
    private boolean deliversStagedSamples;
    private boolean asRead;
    private IntSupplier callbackResult = () -> 0;
    private Runnable duringCallback = () -> {};

    public FakeGuest(int memorySize, boolean exportsGoCallback) {
        this.memory = new FakeGuestMemory(memorySize);
        this.exportsGoCallback = exportsGoCallback;
    }

    public FakeGuest callbackReturns(IntSupplier result) {
        this.callbackResult = result;
        return this;
    }

    /** Makes {@link #sampleSink} give a sink, as an engine with cheap guest calls (Chicory) does. */
    public FakeGuest takeSamplesAsRead() {
        this.asRead = true;
        return this;
    }

    @Override
    public SampleSink sampleSink(SampleCallback callback, int ctx, int data, int maxSize) {
        if (!asRead) {
            return null;
        }
        return sample -> {
            int size = Math.min(sample.remaining(), maxSize);
            sample.get(sample.position(), memory.raw(), data, size);
            takenAsRead++;
            return callSample(callback, ctx, data, size);
        };
    }

    public FakeGuest duringCallback(Runnable action) {
        this.duringCallback = action;
        return this;
    }

    @Override
    public GuestMemory memory() {
        return memory;
    }

    /** Declares the guest's polls wrapped ({@link GuestInstance#deliversStagedSamples}). */
    public FakeGuest deliveringStagedSamples() {
        deliversStagedSamples = true;
        return this;
    }

    @Override
    public boolean deliversStagedSamples() {
        return deliversStagedSamples;
    }

    @Override
    public boolean hasExport(String name) {
        return exportsGoCallback && name.equals("go-callback");
    }

    @Override
    public long[] callExport(String name, long... args) {
        if (!hasExport(name)) {
            throw new IllegalArgumentException("no export " + name);
        }
        return new long[] {record(GO_CALLBACK, (int) args[0], (int) args[1], (int) args[2])};
    }

    @Override
    public int callSampleCallback(int index, int ctx, int data, int size) {
        return record(index, ctx, data, size);
    }

    @Override
    public SampleDelivery deliverSamples(SampleCallback callback, int ctx, int data, int maxSize, SampleBatch samples) {
        batches.add(samples.count());
        return GuestInstance.super.deliverSamples(callback, ctx, data, maxSize, samples);
    }

    private int record(int table, int ctx, int data, int size) {
        calls.add(new Call(table, ctx, data, size, Arrays.copyOfRange(memory.raw(), data, data + size)));
        duringCallback.run();
        return callbackResult.getAsInt();
    }

    @Override
    public int runStart() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void interrupt() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
}
