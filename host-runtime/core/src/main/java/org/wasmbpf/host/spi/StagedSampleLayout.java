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
 * data: | sample 1 | sample 2 | ... | sample n | pad to 8 | header | {src, size} x n |
 * </pre>
 *
 * The guest's delivery loop copies each sample down to {@code data} before calling back, so
 * every callback sees its sample at {@code data}, as the ABI promises. That copy never reaches
 * a later sample: sample k ends no lower than its own size. A sample in a batch is never
 * truncated (with its header and record it is smaller than {@code maxSize}), so the samples are
 * the {@link SampleBatch}'s own bytes, in order, and go into guest memory in one write, the
 * header and records in another, through one reused buffer: a warm batch allocates nothing.
 * One instance per guest; used by the guest's thread only.
 */
public final class StagedSampleLayout {
    private ByteBuffer records = ByteBuffer.allocate(HEADER + RECORD * 64).order(ByteOrder.LITTLE_ENDIAN);

    /** The end (exclusive) of the longest batch from {@code start} that fits in {@code maxSize}; {@code start} if none does. */
    public static int batchEnd(SampleBatch samples, int start, int maxSize) {
        long packed = 0;
        int end = start;
        while (end < samples.count()) {
            packed += samples.size(end);
            if (align8(packed) + HEADER + (long) RECORD * (end - start + 1) > maxSize) {
                break;
            }
            end++;
        }
        return end;
    }

    /**
     * Writes samples {@code [start, end)}, as {@link #batchEnd} bounds them, their header (count,
     * {@code finalResult}, not done) and records into the buffer.
     *
     * @return the header's offset from {@code data}
     */
    public int stage(GuestMemory memory, SampleBatch samples, int start, int end, int data, int finalResult) {
        int first = samples.offset(start);
        int bytes = samples.offset(end - 1) + samples.size(end - 1) - first;
        int recordBytes = HEADER + RECORD * (end - start);
        if (records.capacity() < recordBytes) {
            records = ByteBuffer.allocate(Math.max(recordBytes, 2 * records.capacity())).order(ByteOrder.LITTLE_ENDIAN);
        }
        records.putInt(InGuestDelivery.RAN, InGuestDelivery.NOT_DONE).putInt(InGuestDelivery.COUNT, end - start)
                .putInt(InGuestDelivery.FINAL, finalResult).putInt(InGuestDelivery.FINAL + 4, 0);
        int record = HEADER;
        for (int k = start; k < end; k++) {
            records.putInt(record, data + samples.offset(k) - first).putInt(record + 4, samples.size(k));
            record += RECORD;
        }
        memory.write(data, samples.array(), first, bytes);
        int headerOffset = (int) align8(bytes);
        memory.write(data + headerOffset, records.array(), 0, recordBytes);
        return headerOffset;
    }

    private static long align8(long n) {
        return (n + 7) & ~7L;
    }
}
