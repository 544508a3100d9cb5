package org.wasmbpf.host.runner;

import java.nio.ByteBuffer;

/** Prints the samples of one buffer map, one line each. */
interface SamplePrinter {
    /** The column header, printed once before the first sample; null when the format has none. */
    String header();

    void print(ByteBuffer sample);
}
