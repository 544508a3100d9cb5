package org.wasmbpf.host.wasmtime;

import io.github.kawamuray.wasmtime.Memory;
import io.github.kawamuray.wasmtime.Store;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.wasmbpf.host.spi.GuestMemory;

/**
 * The guest's exported memory through wasmtime's direct {@link ByteBuffer} view. The view has a
 * fixed capacity, so it is fetched again whenever the memory has grown since.
 */
final class WasmtimeMemory implements GuestMemory {
    private final Store<Void> store;
    private final Memory memory;
    private ByteBuffer view;
    /** The size last read from wasmtime: memory never shrinks, so a range inside it is inside memory. */
    private long knownSize;

    WasmtimeMemory(Store<Void> store, Memory memory) {
        this.store = store;
        this.memory = memory;
    }

    @Override
    public long size() {
        knownSize = memory.dataSize(store);
        return knownSize;
    }

    @Override
    public long sizeCovering(long end) {
        return end <= knownSize ? knownSize : size();
    }

    private ByteBuffer view(int addr, int len) {
        long end = Integer.toUnsignedLong(addr) + len;
        if (view == null || end > view.capacity()) {
            view = memory.buffer(store).order(ByteOrder.LITTLE_ENDIAN);
            if (end > view.capacity()) {
                throw new IndexOutOfBoundsException("guest range [" + Integer.toUnsignedLong(addr) + ", " + end
                        + ") is outside memory of " + view.capacity() + " bytes");
            }
        }
        return view;
    }

    @Override
    public void read(int addr, byte[] dst, int dstOffset, int len) {
        view(addr, len).get(addr, dst, dstOffset, len);
    }

    @Override
    public void write(int addr, byte[] src, int srcOffset, int len) {
        view(addr, len).put(addr, src, srcOffset, len);
    }

    @Override
    public void write(int addr, ByteBuffer src, int srcOffset, int len) {
        view(addr, len).put(addr, src, srcOffset, len);
    }

    @Override
    public int readI32(int addr) {
        return view(addr, 4).getInt(addr);
    }

    @Override
    public void writeI32(int addr, int value) {
        view(addr, 4).putInt(addr, value);
    }
}
