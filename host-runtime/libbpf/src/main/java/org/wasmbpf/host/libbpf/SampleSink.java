package org.wasmbpf.host.libbpf;

import java.nio.ByteBuffer;

/** Receives buffer samples one at a time. */
@FunctionalInterface
public interface SampleSink {
    /**
     * @param sample the sample's bytes from its position to its limit; may be a view of the kernel's
     *     buffer, valid only during this call (but see {@link BufferConsumer#samplesStayUntilRelease}):
     *     copy what you keep, and do not keep the buffer
     * @return 0 to go on; anything else stops the poll, which then returns this value
     */
    int accept(ByteBuffer sample);

    /**
     * Called, by a consumer whose {@link BufferConsumer#samplesStayUntilRelease} is true, before it
     * hands bytes it has passed to {@link #accept} back to the kernel: a sink that copies runs of
     * samples at once copies what it still holds now.
     */
    default void beforeRelease() {}
}
