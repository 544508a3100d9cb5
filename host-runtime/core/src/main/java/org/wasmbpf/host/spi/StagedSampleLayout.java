package org.wasmbpf.host.spi;

import static org.wasmbpf.host.spi.InGuestDelivery.HEADER;
import static org.wasmbpf.host.spi.InGuestDelivery.RECORD;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Stages samples in the guest's own poll buffer {@code [data, data+maxSize)}, which the guest
 * gave the host for exactly this and does not touch during the poll except through the
 * callback's {@code data}:
 *
 * <pre>
 * data: | slot: sample 1, room for the largest | sample 2 | ... | sample n | pad to 8 | header | {src, size} x n |
 * </pre>
 *
 * The guest's delivery loop copies each sample into the slot at {@code data} before calling
 * back, so every callback sees its sample at {@code data}, as the ABI promises; sample 1 is
 * already there. Samples are written straight from the {@link SampleBatch} into guest memory,
 * the header and records through one reused buffer, so a warm batch allocates nothing per sample.
 * One instance per guest; used by the guest's thread only.
 */
public final class StagedSampleLayout {
    private ByteBuffer records = ByteBuffer.allocate(HEADER + RECORD * 64).order(ByteOrder.LITTLE_ENDIAN);

    /** The end (exclusive) of the longest batch from {@code start} that fits in {@code maxSize}; {@code start} if none does. */
    public static int batchEnd(SampleBatch samples, int start, int maxSize) {
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

    /**
     * Writes samples {@code [start, end)}, their header (count, {@code finalResult}, not done) and
     * records into the buffer.
     *
     * @return the header's offset from {@code data}
     */
    public int stage(GuestMemory memory, SampleBatch samples, int start, int end, int data, int maxSize, int finalResult) {
        int slot = 0;
        for (int k = start; k < end; k++) {
            slot = Math.max(slot, Math.min(samples.size(k), maxSize));
        }
        int recordBytes = HEADER + RECORD * (end - start);
        if (records.capacity() < recordBytes) {
            records = ByteBuffer.allocate(Math.max(recordBytes, 2 * records.capacity())).order(ByteOrder.LITTLE_ENDIAN);
        }
        records.putInt(InGuestDelivery.RAN, InGuestDelivery.NOT_DONE).putInt(InGuestDelivery.COUNT, end - start)
                .putInt(InGuestDelivery.FINAL, finalResult).putInt(InGuestDelivery.FINAL + 4, 0);
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
        int headerOffset = (int) align8(offset);
        memory.write(data + headerOffset, records.array(), 0, recordBytes);
        return headerOffset;
    }

    private static long align8(long n) {
        return (n + 7) & ~7L;
    }
}
