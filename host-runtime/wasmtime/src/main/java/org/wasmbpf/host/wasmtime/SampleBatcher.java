package org.wasmbpf.host.wasmtime;

import java.util.function.Supplier;
import org.wasmbpf.host.spi.GuestMemory;
import org.wasmbpf.host.spi.InGuestDelivery;
import org.wasmbpf.host.spi.SampleBatch;
import org.wasmbpf.host.spi.SampleDelivery;
import org.wasmbpf.host.spi.StagedSampleLayout;
import org.wasmbpf.host.wasmtime.rewrite.WasmBinaryRewriter;

/**
 * Hands many samples to the guest in one host-to-guest crossing through a batching trampoline
 * ({@value WasmBinaryRewriter#DELIVER} or {@value WasmBinaryRewriter#DELIVER_GO}), staged as
 * {@link StagedSampleLayout} lays them out. Samples that do not fit are sent in further batches;
 * a sample whose header and record do not fit beside it, or that is the only one left, is sent
 * alone with a plain call. This is the path of a poll the guest did not make through the
 * rewriter's poll wrapper ({@link InGuestDelivery}), which crosses only once per wake.
 */
final class SampleBatcher {
    /** The two ways into the guest for one callback convention. */
    interface Calls {
        /** One callback, {@code (ctx, data, size)}. */
        int one(int ctx, int data, int size);

        /** The batching trampoline; returns the first non-zero result and stores the count run at {@code batch}. */
        int batch(int ctx, int data, int batch, int count);
    }

    /** The guest's memory, which exists only once the guest is instantiated. */
    private final Supplier<GuestMemory> memory;
    private final StagedSampleLayout layout = new StagedSampleLayout();

    SampleBatcher(Supplier<GuestMemory> memory) {
        this.memory = memory;
    }

    /** See {@link org.wasmbpf.host.spi.GuestInstance#deliverSamples}; the caller checked the buffer range. */
    SampleDelivery deliver(Calls calls, int ctx, int data, int maxSize, SampleBatch samples) {
        GuestMemory memory = this.memory.get();
        int n = samples.count();
        int i = 0;
        while (i < n) {
            int end = StagedSampleLayout.batchEnd(samples, i, maxSize);
            if (end <= i + 1) {
                int size = Math.min(samples.size(i), maxSize);
                memory.write(data, samples.array(), samples.offset(i), size);
                int result = calls.one(ctx, data, size);
                i++;
                if (result != 0) {
                    return new SampleDelivery(i, result);
                }
                continue;
            }
            int header = layout.stage(memory, samples, i, end, data, -1);
            int result = calls.batch(ctx, data, data + header, end - i);
            if (result != 0) {
                // Stored by the trampoline after the stopping callback returned, so the guest cannot have spoilt it.
                return new SampleDelivery(i + memory.readI32(data + header + InGuestDelivery.RAN), result);
            }
            i = end;
        }
        return new SampleDelivery(n, 0);
    }
}
