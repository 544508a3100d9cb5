package org.wasmbpf.host.libbpf;

import java.nio.ByteBuffer;

/** Receives buffer samples one at a time. */
@FunctionalInterface
public interface SampleSink {
    /**
     * @param sample the sample's bytes from position 0 to its limit; may be a direct view of the
     *     kernel buffer, valid only during this call: copy what you keep
     * @return 0 to go on; anything else stops the poll, which then returns this value
     */
    int accept(ByteBuffer sample);
}
