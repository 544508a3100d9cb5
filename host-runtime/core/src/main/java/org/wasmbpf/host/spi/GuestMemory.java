package org.wasmbpf.host.spi;

/**
 * The guest's exported linear memory as the engine gives it. Implementations do no bounds
 * checking of their own beyond what the engine does; host imports go through
 * {@link org.wasmbpf.host.GuestPointers}, the one place that validates guest pointers.
 */
public interface GuestMemory {
    /** Current size in bytes. */
    long size();

    void read(int addr, byte[] dst, int dstOffset, int len);

    void write(int addr, byte[] src, int srcOffset, int len);

    default byte[] read(int addr, int len) {
        byte[] out = new byte[len];
        read(addr, out, 0, len);
        return out;
    }

    int readI32(int addr);

    void writeI32(int addr, int value);
}
