package org.wasmbpf.host.wasmtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.wasmbpf.host.GuestPointers;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.wasmtime.rewrite.WasmBinaryRewriter;

/**
 * Hands many samples to the guest in one host-to-guest crossing through the
 * {@value WasmBinaryRewriter#DELIVER} trampoline. The samples are staged in the guest's own
 * poll buffer {@code [data, data+maxSize)}, which the guest gave the host for exactly this and
 * does not touch during the poll except through the callback's {@code data}:
 *
 * <pre>
 * data: | slot: sample 1, room for the largest | sample 2 | ... | sample n | pad to 8 | done i32, pad | {src, size} x n |
 * </pre>
 *
 * The trampoline copies each sample into the slot at {@code data} before calling back, so every
 * callback sees its sample at {@code data}, as the ABI promises; sample 1 is already there.
 * Samples that do not fit are sent in further batches; a sample whose record does not fit
 * beside it, or that is the only one left, is sent alone through
 * {@value WasmBinaryRewriter#CALL_SAMPLE}.
 */
public final class SampleBatcher {
    private static final int HEADER = 8;
    private static final int RECORD = 8;

    /** How many callbacks ran and the first non-zero result (0 when all returned 0). */
    public record Delivery(int delivered, int result) {}

    private final GuestInstance guest;

    SampleBatcher(GuestInstance guest) {
        this.guest = guest;
    }

    Delivery deliver(int index, int ctx, int data, int maxSize, List<byte[]> samples) {
        int i = 0;
        while (i < samples.size()) {
            int end = batchEnd(samples, i, maxSize);
            // One sample alone goes through the plain trampoline: no records to stage or read back.
            if (end <= i + 1) {
                int size = Math.min(samples.get(i).length, maxSize);
                GuestPointers.write(guest.memory(), data, samples.get(i), 0, size);
                int result = guest.callSampleCallback(index, ctx, data, size);
                i++;
                if (result != 0) {
                    return new Delivery(i, result);
                }
                continue;
            }
            Staged staged = stage(samples, i, end, data, maxSize);
            GuestPointers.write(guest.memory(), data, staged.image());
            int result = (int) guest.callExport(WasmBinaryRewriter.DELIVER, index, ctx, data,
                    data + staged.batchOffset(), end - i)[0];
            int done = guest.memory().readI32(data + staged.batchOffset());
            i += done;
            if (result != 0) {
                return new Delivery(i, result);
            }
        }
        return new Delivery(samples.size(), 0);
    }

    /** The end (exclusive) of the longest batch from {@code start} that fits in {@code maxSize}. */
    private static int batchEnd(List<byte[]> samples, int start, int maxSize) {
        long slot = 0;
        long packed = 0;
        int end = start;
        while (end < samples.size()) {
            long size = Math.min(samples.get(end).length, maxSize);
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

    private record Staged(byte[] image, int batchOffset) {}

    private static Staged stage(List<byte[]> samples, int start, int end, int data, int maxSize) {
        int slot = 0;
        int packed = 0;
        for (int k = start; k < end; k++) {
            int size = Math.min(samples.get(k).length, maxSize);
            slot = Math.max(slot, size);
            packed += k == start ? 0 : size;
        }
        int batchOffset = (int) align8((long) slot + packed);
        ByteBuffer image = ByteBuffer.allocate(batchOffset + HEADER + RECORD * (end - start)).order(ByteOrder.LITTLE_ENDIAN);
        int offset = slot;
        int record = batchOffset + HEADER;
        for (int k = start; k < end; k++) {
            byte[] sample = samples.get(k);
            int size = Math.min(sample.length, maxSize);
            int at = k == start ? 0 : offset;
            image.put(at, sample, 0, size);
            image.putInt(record, data + at).putInt(record + 4, size);
            record += RECORD;
            if (k != start) {
                offset += size;
            }
        }
        return new Staged(image.array(), batchOffset);
    }

    private static long align8(long n) {
        return (n + 7) & ~7L;
    }
}
