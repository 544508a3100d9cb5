package org.wasmbpf.host.bpf;

import org.wasmbpf.host.libbpf.SampleSink;
import org.wasmbpf.host.spi.SampleBatch;

/**
 * Stages a poll's samples in guest memory for the guest to deliver to its callback itself
 * ({@link org.wasmbpf.host.spi.InGuestDelivery}), for one poll import call.
 */
public interface SampleStager {
    /**
     * Writes a prefix of {@code samples} (at least one sample) into the guest's buffer.
     *
     * @param finalResult the poll's result if this prefix holds every sample and they all run,
     *     or -1 when the guest must report back (more samples, or a read of the buffer, follow)
     */
    Staged stage(SampleBatch samples, int finalResult);

    /**
     * @return how many callbacks the guest ran of the batch whose header is at {@code header},
     *     or {@code inProgress} if it has not finished it
     */
    int ran(int header, int inProgress);

    /**
     * One staged delivery.
     *
     * @param count samples staged
     * @param code what the import returns to the guest's wrapper
     * @param header the batch header's guest address, or -1 for a lone sample, which the guest
     *     always reports back
     * @param last whether the guest may deliver it without reporting back (its header carries the
     *     poll's final result)
     */
    record Staged(int count, int code, int header, boolean last) {}

    /**
     * A batch staged as the buffer is read, each sample written into guest memory straight from
     * the kernel's buffer, for consumers that read it in Java. A sample that does not fit goes
     * to {@code overflow} instead and ends the read, as does the {@code maxSamples}-th sample.
     *
     * @param samplesStay whether the consumer's samples stay in place until it releases them
     *     ({@link org.wasmbpf.host.libbpf.BufferConsumer#samplesStayUntilRelease}), so that a run
     *     of adjacent ones may be written in one copy, before the release
     */
    AsRead asRead(SampleBatch overflow, int maxSamples, boolean samplesStay);

    /** The sink of {@link #asRead}; its samples leave the kernel's buffer as they are read. */
    interface AsRead extends SampleSink {
        /** Samples staged. */
        int count();

        /** Whether a sample did not fit or the cap was met, so the buffer may hold more. */
        boolean cutShort();

        /** Writes the header and records; as {@link #stage}, for the samples read. */
        Staged finish(int finalResult);

        /** Copies the staged samples from {@code from} on back into {@code into}, in order (after a stop). */
        void readBack(int from, SampleBatch into);
    }
}
