package org.wasmbpf.host.spi;

/**
 * The guest's exported linear memory as the engine gives it. Implementations do no bounds
 * checking of their own beyond what the engine does; host imports go through
 * {@link org.wasmbpf.host.GuestPointers}, the one place that validates guest pointers.
 */
public interface GuestMemory {
    /** Current size in bytes. */
    long size();

    /**
     * A size the memory has had, current or earlier, that is at least {@code end} when the
     * memory now is: memory never shrinks, so an engine whose size query is costly (Wasmtime's is
     * a native call) may answer a range check from a size it read before, and query only when
     * that one is too small. This default reads the current size.
     */
    default long sizeCovering(long end) {
        return size();
    }

    void read(int addr, byte[] dst, int dstOffset, int len);

    void write(int addr, byte[] src, int srcOffset, int len);

    /**
     * Writes {@code src}'s bytes from its position to its limit at {@code addr}, leaving its
     * position as it was. This default goes through a temporary array; an engine whose memory
     * is a buffer copies directly.
     */
    default void write(int addr, java.nio.ByteBuffer src) {
        write(addr, src, src.position(), src.remaining());
    }

    /** Writes {@code len} bytes of {@code src} from index {@code srcOffset} at {@code addr}, leaving its position and limit as they were. */
    default void write(int addr, java.nio.ByteBuffer src, int srcOffset, int len) {
        byte[] bytes = new byte[len];
        src.get(srcOffset, bytes);
        write(addr, bytes, 0, len);
    }

    default byte[] read(int addr, int len) {
        byte[] out = new byte[len];
        read(addr, out, 0, len);
        return out;
    }

    int readI32(int addr);

    void writeI32(int addr, int value);
}
