package org.wasmbpf.host.libbpf;

import java.nio.ByteBuffer;

/** Receives buffer samples one at a time. */
@FunctionalInterface
public interface SampleSink {
    /**
     * @param sample the sample's bytes from its position to its limit; may be a view of the kernel's
     *     buffer, valid only during this call: copy what you keep, and do not keep the buffer
     * @return 0 to go on; anything else stops the poll, which then returns this value
     */
    int accept(ByteBuffer sample);
}
