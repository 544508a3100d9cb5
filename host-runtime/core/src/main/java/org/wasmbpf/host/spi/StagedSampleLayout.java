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
 * Or, where the buffer is read in Java, each sample goes straight from the kernel's buffer into
 * guest memory as it is read ({@link #beginAsRead}), with no host copy before. One instance per
 * guest; used by the guest's thread only.
 */
public final class StagedSampleLayout {
    private ByteBuffer records = ByteBuffer.allocate(HEADER + RECORD * 64).order(ByteOrder.LITTLE_ENDIAN);

    /** The end (exclusive) of the longest batch from {@code start} that fits in {@code maxSize}; {@code start} if none does. */
    public static int batchEnd(SampleBatch samples, int start, int maxSize) {
        long packed = 0;
        int end = start;
        while (end < samples.count()) {
            packed += samples.size(end);
            if (!fits(packed, end - start + 1, maxSize)) {
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
        reserveRecords(end - start);
        for (int k = start; k < end; k++) {
            record(k - start, data + samples.offset(k) - first, samples.size(k));
        }
        memory.write(data, samples.array(), first, bytes);
        return writeHeaderAndRecords(memory, data, bytes, end - start, finalResult);
    }

    // A batch staged as the buffer is read (beginAsRead, add, finishAsRead): no SampleBatch first.
    private GuestMemory asReadMemory;
    private int asReadData;
    private int asReadMaxSize;
    private int asReadBytes;
    private int asReadCount;

    /** Starts a batch written into {@code [data, data+maxSize)} sample by sample as the buffer is read. */
    public void beginAsRead(GuestMemory memory, int data, int maxSize) {
        asReadMemory = memory;
        asReadData = data;
        asReadMaxSize = maxSize;
        asReadBytes = 0;
        asReadCount = 0;
        runOpen = false;
        runSource = null;
        runView = null;
    }

    /** @return whether the sample fits beside the batch's header and records (and was written), untruncated */
    public boolean add(ByteBuffer sample) {
        int size = sample.remaining();
        if (!fits((long) asReadBytes + size, asReadCount + 1, asReadMaxSize)) {
            return false;
        }
        reserveRecords(asReadCount + 1);
        asReadMemory.write(asReadData + asReadBytes, sample);
        record(asReadCount, asReadData + asReadBytes, size);
        asReadBytes += size;
        asReadCount++;
        return true;
    }

    /**
     * The longest gap between two samples of the kernel's ring that a run bridges: the next
     * record's 8-byte header and up to 7 bytes of padding before it. A run's gaps are copied
     * too, as bytes the guest never reads.
     */
    private static final int RUN_GAP = 15;
    // The run of adjacent samples not written yet: bytes [runFrom, runTo) of runSource, for runDst.
    private ByteBuffer runSource;
    /** runSource's bytes whatever its position and limit, which its consumer moves per sample. */
    private ByteBuffer runView;
    private boolean runOpen;
    private int runFrom;
    private int runTo;
    private int runDst;

    /**
     * As {@link #add}, for a sample that stays at its place in its buffer until {@link #writeRun}:
     * a sample just after the previous one in the same buffer joins its run, which is written
     * in one copy, when the next sample does not follow on or by {@link #writeRun}.
     */
    public boolean addToRun(ByteBuffer sample) {
        int size = sample.remaining();
        int at = sample.position();
        int gap = runOpen && sample == runSource && at >= runTo && at - runTo <= RUN_GAP ? at - runTo : -1;
        if (!fits((long) asReadBytes + Math.max(gap, 0) + size, asReadCount + 1, asReadMaxSize)) {
            return false;
        }
        reserveRecords(asReadCount + 1);
        if (gap < 0) {
            writeRun();
            if (sample != runSource) {
                runSource = sample;
                runView = sample.duplicate().clear();
            }
            runOpen = true;
            runFrom = at;
            runDst = asReadData + asReadBytes;
        } else {
            asReadBytes += gap;
        }
        runTo = at + size;
        record(asReadCount, asReadData + asReadBytes, size);
        asReadBytes += size;
        asReadCount++;
        return true;
    }

    /** Writes the run {@link #addToRun} holds into guest memory; before its samples' bytes are released. */
    public void writeRun() {
        if (runOpen) {
            asReadMemory.write(runDst, runView, runFrom, runTo - runFrom);
            runOpen = false;
        }
    }

    /** Samples in the batch begun last. */
    public int asReadCount() {
        return asReadCount;
    }

    /** Writes the header and records of the batch begun last; @return the header's offset from {@code data} */
    public int finishAsRead(int finalResult) {
        writeRun();
        return writeHeaderAndRecords(asReadMemory, asReadData, asReadBytes, asReadCount, finalResult);
    }

    /** Whether {@code bytes} of samples, padded, fit in {@code maxSize} beside the header and {@code count} records. */
    private static boolean fits(long bytes, int count, int maxSize) {
        return align8(bytes) + HEADER + (long) RECORD * count <= maxSize;
    }

    private void record(int k, int src, int size) {
        records.putInt(HEADER + RECORD * k, src).putInt(HEADER + RECORD * k + 4, size);
    }

    /** After {@code bytes} of samples at {@code data}: @return the header's offset from {@code data} */
    private int writeHeaderAndRecords(GuestMemory memory, int data, int bytes, int count, int finalResult) {
        records.putInt(InGuestDelivery.RAN, InGuestDelivery.NOT_DONE).putInt(InGuestDelivery.COUNT, count)
                .putInt(InGuestDelivery.FINAL, finalResult).putInt(InGuestDelivery.FINAL + 4, 0);
        int headerOffset = (int) align8(bytes);
        memory.write(data + headerOffset, records.array(), 0, HEADER + RECORD * count);
        return headerOffset;
    }

    private void reserveRecords(int count) {
        int bytes = HEADER + RECORD * count;
        if (records.capacity() < bytes) {
            ByteBuffer grown = ByteBuffer.allocate(Math.max(bytes, 2 * records.capacity())).order(ByteOrder.LITTLE_ENDIAN);
            grown.put(0, records, 0, records.capacity());
            records = grown;
        }
    }

    private static long align8(long n) {
        return (n + 7) & ~7L;
    }
}
