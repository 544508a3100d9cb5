package org.wasmbpf.host.imports;

import java.nio.ByteBuffer;
import org.wasmbpf.host.bpf.SampleStager;
import org.wasmbpf.host.spi.GuestMemory;
import org.wasmbpf.host.spi.InGuestDelivery;
import org.wasmbpf.host.spi.SampleBatch;
import org.wasmbpf.host.spi.StagedSampleLayout;

/**
 * Stages samples in one poll's {@code [data, data+maxSize)} for the guest's own delivery
 * ({@link InGuestDelivery}): as many as fit beside their header and records, from a host batch or
 * as the buffer is read; a sample too large for that goes alone, as it would to the callback. The
 * caller checked the range.
 */
final class GuestSampleStager implements SampleStager {
    /**
     * The smallest buffer whose samples are staged in runs: a run also copies the ~8 bytes
     * between samples, which costs a small buffer samples per batch, and so crossings.
     */
    static final int RUNS_MIN_BUFFER = 64 * 1024;

    private final GuestMemory memory;
    private final StagedSampleLayout layout;
    private final int data;
    private final int maxSize;

    GuestSampleStager(GuestMemory memory, StagedSampleLayout layout, int data, int maxSize) {
        this.memory = memory;
        this.layout = layout;
        this.data = data;
        this.maxSize = maxSize;
    }

    @Override
    public Staged stage(SampleBatch samples, int finalResult) {
        int end = StagedSampleLayout.batchEnd(samples, 0, maxSize);
        if (end == 0) {
            int size = Math.min(samples.size(0), maxSize);
            memory.write(data, samples.array(), samples.offset(0), size);
            return new Staged(1, InGuestDelivery.SAMPLE_BASE + size, -1, false);
        }
        boolean last = end == samples.count() && finalResult >= 0;
        int header = layout.stage(memory, samples, 0, end, data, last ? finalResult : -1);
        return new Staged(end, InGuestDelivery.BATCH_BASE + header, data + header, last);
    }

    @Override
    public AsRead asRead(SampleBatch overflow, int maxSamples, boolean samplesStay) {
        layout.beginAsRead(memory, data, maxSize);
        boolean runs = samplesStay && maxSize >= RUNS_MIN_BUFFER;
        return new AsRead() {
            private boolean cutShort;
            private int header = -1;

            @Override
            public int accept(ByteBuffer sample) {
                if (!(runs ? layout.addToRun(sample) : layout.add(sample))) {
                    overflow.add(sample);
                    cutShort = true;
                    return 1;
                }
                if (layout.asReadCount() >= maxSamples) {
                    cutShort = true;
                    return 1;
                }
                return 0;
            }

            @Override
            public void beforeRelease() {
                layout.writeRun();
            }

            @Override
            public int count() {
                return layout.asReadCount();
            }

            @Override
            public boolean cutShort() {
                return cutShort;
            }

            @Override
            public Staged finish(int finalResult) {
                int offset = layout.finishAsRead(finalResult);
                header = data + offset;
                return new Staged(count(), InGuestDelivery.BATCH_BASE + offset, header, finalResult >= 0);
            }

            /**
             * From the records in guest memory, not the layout's, which a poll of another buffer
             * from a callback may have reused since. A record the guest overwrote with one
             * outside its buffer loses that sample; the guest harmed only itself.
             */
            @Override
            public void readBack(int from, SampleBatch into) {
                int count = memory.readI32(header + InGuestDelivery.COUNT);
                for (int k = from; k < count; k++) {
                    int record = header + InGuestDelivery.HEADER + InGuestDelivery.RECORD * k;
                    long src = Integer.toUnsignedLong(memory.readI32(record));
                    int size = memory.readI32(record + 4);
                    if (src >= Integer.toUnsignedLong(data) && size >= 0 && src + size <= Integer.toUnsignedLong(data) + maxSize) {
                        into.add(memory.read((int) src, size), 0, size);
                    }
                }
            }
        };
    }

    @Override
    public int ran(int header, int inProgress) {
        if (header < 0) {
            return inProgress; // a lone sample is always reported back
        }
        int ran = memory.readI32(header + InGuestDelivery.RAN);
        return ran == InGuestDelivery.NOT_DONE ? inProgress : ran;
    }
}
