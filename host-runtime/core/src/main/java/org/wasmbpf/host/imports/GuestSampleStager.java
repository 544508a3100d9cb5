package org.wasmbpf.host.imports;

import org.wasmbpf.host.bpf.SampleStager;
import org.wasmbpf.host.spi.GuestMemory;
import org.wasmbpf.host.spi.InGuestDelivery;
import org.wasmbpf.host.spi.SampleBatch;
import org.wasmbpf.host.spi.StagedSampleLayout;

/**
 * Stages samples in one poll's {@code [data, data+maxSize)} for the guest's own delivery
 * ({@link InGuestDelivery}): as many as fit beside their header and records; a sample too large
 * for that goes alone, as it would to the callback. The caller checked the range.
 */
final class GuestSampleStager implements SampleStager {
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
    public int ran(int header, int inProgress) {
        if (header < 0) {
            return inProgress; // a lone sample is always reported back
        }
        int ran = memory.readI32(header + InGuestDelivery.RAN);
        return ran == InGuestDelivery.NOT_DONE ? inProgress : ran;
    }
}
