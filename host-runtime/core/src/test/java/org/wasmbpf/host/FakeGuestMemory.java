package org.wasmbpf.host;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.wasmbpf.host.spi.GuestMemory;

/** A byte-array guest memory that can grow, like a Wasm memory; no checks of its own. */
public final class FakeGuestMemory implements GuestMemory {
    private byte[] bytes;

    public FakeGuestMemory(int size) {
        bytes = new byte[size];
    }

    public void grow(int extra) {
        bytes = Arrays.copyOf(bytes, bytes.length + extra);
    }

    public byte[] raw() {
        return bytes;
    }

    /** Writes a NUL-terminated string and returns its address. */
    public int putCString(int addr, String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(b, 0, bytes, addr, b.length);
        bytes[addr + b.length] = 0;
        return addr;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public void read(int addr, byte[] dst, int dstOffset, int len) {
        System.arraycopy(bytes, addr, dst, dstOffset, len);
    }

    @Override
    public void write(int addr, byte[] src, int srcOffset, int len) {
        System.arraycopy(src, srcOffset, bytes, addr, len);
    }

    @Override
    public int readI32(int addr) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(addr);
    }

    @Override
    public void writeI32(int addr, int value) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(addr, value);
    }
}
