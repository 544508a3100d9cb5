package org.wasmbpf.host.chicory;

import com.dylibso.chicory.runtime.Instance;
import org.wasmbpf.host.spi.GuestMemory;

/** The guest's exported memory; looked up on each use because a grow may replace Chicory's buffer. */
final class ChicoryMemory implements GuestMemory {
    private final Instance instance;

    ChicoryMemory(Instance instance) {
        this.instance = instance;
    }

    @Override
    public long size() {
        return (long) instance.memory().pages() * com.dylibso.chicory.runtime.Memory.PAGE_SIZE;
    }

    @Override
    public void read(int addr, byte[] dst, int dstOffset, int len) {
        System.arraycopy(instance.memory().readBytes(addr, len), 0, dst, dstOffset, len);
    }

    @Override
    public void write(int addr, byte[] src, int srcOffset, int len) {
        instance.memory().write(addr, src, srcOffset, len);
    }

    @Override
    public int readI32(int addr) {
        return instance.memory().readInt(addr);
    }

    @Override
    public void writeI32(int addr, int value) {
        instance.memory().writeI32(addr, value);
    }
}
