package org.wasmbpf.host.libbpf;

import java.lang.foreign.MemorySegment;

/**
 * Values moved between Java arrays and native memory by segment-to-segment copies. The JDK's
 * other ways each cost a cold start milliseconds on first use: {@code get} and {@code set} with a
 * value layout build VarHandles (the first read of errno, after a run's first attach, took 3-11
 * ms), and the copies that take a Java array and a layout pick the array's type with a pattern
 * switch whose class the JDK generates at run time.
 */
final class FfmValues {
    private FfmValues() {}

    static void copyIn(byte[] from, MemorySegment to, long offset) {
        MemorySegment.copy(MemorySegment.ofArray(from), 0, to, offset, from.length);
    }

    static byte[] copyOut(MemorySegment from, long offset, int length) {
        byte[] to = new byte[length];
        MemorySegment.copy(from, offset, MemorySegment.ofArray(to), 0, length);
        return to;
    }

    static int getInt(MemorySegment segment, long offset) {
        int[] value = new int[1];
        MemorySegment.copy(segment, offset, MemorySegment.ofArray(value), 0, Integer.BYTES);
        return value[0];
    }

    static long getLong(MemorySegment segment, long offset) {
        long[] value = new long[1];
        MemorySegment.copy(segment, offset, MemorySegment.ofArray(value), 0, Long.BYTES);
        return value[0];
    }

    static void setInt(MemorySegment segment, long offset, int value) {
        MemorySegment.copy(MemorySegment.ofArray(new int[] {value}), 0, segment, offset, Integer.BYTES);
    }
}
