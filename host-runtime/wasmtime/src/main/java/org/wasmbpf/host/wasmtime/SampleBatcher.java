package org.wasmbpf.host.wasmtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Supplier;
import org.wasmbpf.host.spi.GuestMemory;
import org.wasmbpf.host.spi.SampleBatch;
import org.wasmbpf.host.spi.SampleDelivery;
import org.wasmbpf.host.wasmtime.rewrite.WasmBinaryRewriter;

/**
 * Hands many samples to the guest in one host-to-guest crossing through a batching trampoline
 * ({@value WasmBinaryRewriter#DELIVER} or {@value WasmBinaryRewriter#DELIVER_GO}). The samples
 * are staged in the guest's own poll buffer {@code [data, data+maxSize)}, which the guest gave
 * the host for exactly this and does not touch during the poll except through the callback's
 * {@code data}:
 *
 * <pre>
 * data: | slot: sample 1, room for the largest | sample 2 | ... | sample n | pad to 8 | done i32, pad | {src, size} x n |
 * </pre>
 *
 * The trampoline copies each sample into the slot at {@code data} before calling back, so every
 * callback sees its sample at {@code data}, as the ABI promises; sample 1 is already there.
 * Samples that do not fit are sent in further batches; a sample whose record does not fit
 * beside it, or that is the only one left, is sent alone with a plain call. Samples are written
 * straight from the host's {@link SampleBatch} into guest memory, the records through one
 * reused buffer, so a warm batch allocates nothing per sample.
 */
final class SampleBatcher {
    private static final int HEADER = 8;
    private static final int RECORD = 8;

    /** The two ways into the guest for one callback convention. */
    interface Calls {
        /** One callback, {@code (ctx, data, size)}. */
        int one(int ctx, int data, int size);

        /** The batching trampoline; returns the first non-zero result and stores the count run at {@code batch}. */
        int batch(int ctx, int data, int batch, int count);
    }

    /** The guest's memory, which exists only once the guest is instantiated. */
    private final Supplier<GuestMemory> memory;
    private ByteBuffer records = ByteBuffer.allocate(HEADER + RECORD * 64).order(ByteOrder.LITTLE_ENDIAN);

    SampleBatcher(Supplier<GuestMemory> memory) {
        this.memory = memory;
    }

    /** See {@link org.wasmbpf.host.spi.GuestInstance#deliverSamples}; the caller checked the buffer range. */
    SampleDelivery deliver(Calls calls, int ctx, int data, int maxSize, SampleBatch samples) {
        GuestMemory memory = this.memory.get();
        int n = samples.count();
        int i = 0;
        while (i < n) {
            int end = batchEnd(samples, i, maxSize);
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
            int batchOffset = stage(memory, samples, i, end, data, maxSize);
            int result = calls.batch(ctx, data, data + batchOffset, end - i);
            if (result != 0) {
                // Stored by the trampoline after the stopping callback returned, so the guest cannot have spoilt it.
                return new SampleDelivery(i + memory.readI32(data + batchOffset), result);
            }
            i = end;
        }
        return new SampleDelivery(n, 0);
    }

    /** The end (exclusive) of the longest batch from {@code start} that fits in {@code maxSize}. */
    private static int batchEnd(SampleBatch samples, int start, int maxSize) {
        long slot = 0;
        long packed = 0;
        int end = start;
        while (end < samples.count()) {
            long size = Math.min(samples.size(end), maxSize);
            long newSlot = Math.max(slot, size);
            long newPacked = end == start ? 0 : packed + size;
            long need = align8(newSlot + newPacked) + HEADER + (long) RECORD * (end - start + 1);
            if (need > maxSize) {
                break;
            }
            slot = newSlot;
            packed = newPacked;
            end++;
        }
        return end;
    }

    /** Writes samples {@code [start, end)} and their records into the buffer; returns the records' offset. */
    private int stage(GuestMemory memory, SampleBatch samples, int start, int end, int data, int maxSize) {
        int slot = 0;
        for (int k = start; k < end; k++) {
            slot = Math.max(slot, Math.min(samples.size(k), maxSize));
        }
        int recordBytes = HEADER + RECORD * (end - start);
        if (records.capacity() < recordBytes) {
            records = ByteBuffer.allocate(Math.max(recordBytes, 2 * records.capacity())).order(ByteOrder.LITTLE_ENDIAN);
        }
        records.putLong(0, 0);
        int offset = slot;
        int record = HEADER;
        for (int k = start; k < end; k++) {
            int size = Math.min(samples.size(k), maxSize);
            int at = k == start ? 0 : offset;
            memory.write(data + at, samples.array(), samples.offset(k), size);
            records.putInt(record, data + at).putInt(record + 4, size);
            record += RECORD;
            if (k != start) {
                offset += size;
            }
        }
        int batchOffset = (int) align8(offset);
        memory.write(data + batchOffset, records.array(), 0, recordBytes);
        return batchOffset;
    }

    private static long align8(long n) {
        return (n + 7) & ~7L;
    }
}
