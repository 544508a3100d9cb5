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

    static void copyIn(byte[] from, long address) {
        MemorySegment.copy(MemorySegment.ofArray(from), 0, MemorySegment.ofAddress(address).reinterpret(from.length), 0,
                from.length);
    }

    static void copyOut(long address, byte[] to, int length) {
        MemorySegment.copy(MemorySegment.ofAddress(address).reinterpret(length), 0, MemorySegment.ofArray(to), 0, length);
    }

    static int getInt(MemorySegment segment, long offset) {
        int[] value = new int[1];
        MemorySegment.copy(segment, offset, MemorySegment.ofArray(value), 0, Integer.BYTES);
        return value[0];
    }
}
