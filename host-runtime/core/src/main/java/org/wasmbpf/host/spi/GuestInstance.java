package org.wasmbpf.host.spi;

import org.wasmbpf.host.libbpf.SampleSink;

/** One instantiated guest module. Not thread-safe except for {@link #interrupt()}. */
public interface GuestInstance extends AutoCloseable {

    GuestMemory memory();

    boolean hasExport(String name);

    /** Calls an exported function; results as raw Wasm values. */
    long[] callExport(String name, long... args);

    /**
     * Calls entry {@code index} of the exported {@code __indirect_function_table} with the
     * wasm-bpf sample callback signature {@code (i32 ctx, i32 data, i32 size) -> i32}.
     */
    int callSampleCallback(int index, int ctx, int data, int size);

    /** Calls {@code callback(ctx, data, size)} once: by table index or through the export. */
    default int callSample(SampleCallback callback, int ctx, int data, int size) {
        if (callback instanceof SampleCallback.TableEntry t) {
            return callSampleCallback(t.index(), ctx, data, size);
        }
        return (int) callExport(((SampleCallback.Export) callback).name(), ctx, data, size)[0];
    }

    /**
     * Hands the staged samples to the guest in order, as {@code wasm_bpf_buffer_poll} promises:
     * before each call, sample {@code i} is copied to {@code data}, truncated to {@code maxSize}
     * bytes, and the callback is told the size copied. Stops at the first non-zero result. The
     * caller has checked that {@code [data, data+maxSize)} lies in memory (which never shrinks)
     * and leaves {@code samples} unchanged during the call; removing what was delivered is the
     * caller's.
     *
     * <p>This default makes one guest call per sample, right for engines whose calls are cheap
     * (Chicory: a Java call). Engines whose host-to-guest crossing is costly override it to
     * deliver many samples per crossing, with the same observable result.
     *
     * @return how many callbacks ran, and the first non-zero result (0 when all returned 0)
     */
    default SampleDelivery deliverSamples(SampleCallback callback, int ctx, int data, int maxSize, SampleBatch samples) {
        GuestMemory memory = memory();
        int n = samples.count();
        for (int i = 0; i < n; i++) {
            int size = Math.min(samples.size(i), maxSize);
            if (size > 0) {
                memory.write(data, samples.array(), samples.offset(i), size);
            }
            int result = callSample(callback, ctx, data, size);
            if (result != 0) {
                return new SampleDelivery(i + 1, result);
            }
        }
        return new SampleDelivery(n, 0);
    }

    /**
     * Whether the guest's buffer polls come through a wrapper that delivers staged samples
     * itself ({@link InGuestDelivery}, the Wasmtime backend's rewrite). Only then does a poll
     * honour staging flags in {@code max_size}; for any other guest a negative {@code max_size}
     * stays the error it always was. False by default.
     */
    default boolean deliversStagedSamples() {
        return false;
    }

    /**
     * For engines whose guest call costs about what a Java call does (Chicory): a sink that
     * copies each sample to {@code data} (truncated to {@code maxSize}) and calls the callback at
     * once, as the buffer is read, with nothing staged; its result is the callback's. Used only
     * while the guest runs (from a poll import) and only with consumers that read the buffer in
     * Java ({@link org.wasmbpf.host.libbpf.BufferConsumer#callsSinkFromJava}); the caller has
     * checked the data range, as for {@link #deliverSamples}. Null (the default): the engine
     * takes samples in batches only.
     */
    default SampleSink sampleSink(SampleCallback callback, int ctx, int data, int maxSize) {
        return null;
    }

    /**
     * Runs {@code _start} and returns the exit code: the {@code proc_exit} code, or 0 when
     * {@code _start} returns.
     */
    int runStart();

    /**
     * From any thread: asks the guest to finish on its own, the WASI counterpart of the BPF
     * polls' -EINTR. A WASI wait ({@code poll_oneoff}, i.e. {@code sleep()}) in progress or started
     * later returns at once with {@code EINTR}, so a guest that sleeps between reports wakes up,
     * reports and exits. The guest keeps running; {@link #interrupt()} is the hard stop.
     */
    default void requestStop() {}

    /** From any thread: makes the guest stop at its next safe point with a {@link GuestInterruptedException}. */
    void interrupt();

    @Override
    void close();
}
