package org.wasmbpf.host.bpf;

import org.wasmbpf.host.spi.SampleBatch;
import org.wasmbpf.host.spi.SampleDelivery;

/** Receives the samples of one buffer poll together, after libbpf has returned. */
@FunctionalInterface
public interface SampleBatchSink {
    /**
     * Delivers {@code samples} in order, stopping at the first non-zero result; must not change
     * {@code samples}. See {@link org.wasmbpf.host.spi.GuestInstance#deliverSamples}.
     */
    SampleDelivery deliver(SampleBatch samples);
}
