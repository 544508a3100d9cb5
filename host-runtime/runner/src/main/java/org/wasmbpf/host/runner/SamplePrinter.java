package org.wasmbpf.host.runner;

import java.nio.ByteBuffer;

/** Prints the samples of one buffer map, one line each. */
interface SamplePrinter {
    /** The column header, printed once before the first sample; null when the format has none. */
    String header();

    void print(ByteBuffer sample);

    /** A sample's bytes, for printing it raw when no struct type describes it. */
    static byte[] bytesOf(ByteBuffer sample) {
        byte[] bytes = new byte[sample.remaining()];
        sample.get(sample.position(), bytes);
        return bytes;
    }
}
