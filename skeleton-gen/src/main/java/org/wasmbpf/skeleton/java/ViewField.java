package org.wasmbpf.skeleton.java;

/**
 * One field a generated view reads: its C path ("in.x", anonymous members left out as in C), the
 * Java method that reads it, and where it lies in the struct (bits, so bitfields fit too).
 */
public record ViewField(String cPath, String method, long bitOffset, int bitSize) {
    public long byteOffset() {
        return bitOffset / 8;
    }
}
