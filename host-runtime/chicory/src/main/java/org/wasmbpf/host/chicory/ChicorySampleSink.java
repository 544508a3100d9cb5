package org.wasmbpf.host.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import java.nio.ByteBuffer;
import org.wasmbpf.host.libbpf.SampleSink;

/**
 * One poll's samples into a Chicory guest as the buffer is read: each is copied to the guest's
 * {@code data} buffer and the callback called straight away, through its compiled method
 * ({@link CompiledCallbacks}). A sample is copied once, from the kernel's buffer into the memory
 * page holding {@code data} ({@link MemoryPages}), unless that buffer straddles two pages. Runs
 * inside a poll import, so the guest's failures unwind to the outermost guest call, which maps
 * them.
 */
final class ChicorySampleSink implements SampleSink {
    private static final int INITIAL_SCRATCH = 512;
    private final Instance instance;
    private final Memory memory;
    private final CompiledSampleCallback compiled;
    private final int function;
    private final int ctx;
    private final int data;
    private final int maxSize;
    /** Chicory's memory takes bytes from an array only; a sample passes through this one. */
    private byte[] scratch;
    /** The memory page {@code data} lies in, where it can be written directly; else null. */
    private final byte[] page;
    private final int pageOffset;
    private final int pageRoom;

    ChicorySampleSink(Instance instance, CompiledSampleCallback compiled, int function, int ctx, int data, int maxSize) {
        this.instance = instance;
        this.memory = instance.memory();
        this.compiled = compiled;
        this.function = function;
        this.ctx = ctx;
        this.data = data;
        this.maxSize = maxSize;
        this.scratch = new byte[Math.min(maxSize, INITIAL_SCRATCH)];
        this.page = MemoryPages.pageOf(memory, data);
        this.pageOffset = MemoryPages.offsetInPage(data);
        this.pageRoom = MemoryPages.PAGE_SIZE - pageOffset;
    }

    private void copyThroughScratch(ByteBuffer sample, int size) {
        if (size > scratch.length) {
            scratch = new byte[Math.max(size, 2 * scratch.length)];
        }
        sample.get(sample.position(), scratch, 0, size);
        memory.write(data, scratch, 0, size);
    }

    /** Whether this sink does what one made with these arguments would (a guest polls the same way each time). */
    boolean serves(int function, int ctx, int data, int maxSize) {
        return this.function == function && this.ctx == ctx && this.data == data && this.maxSize == maxSize;
    }

    @Override
    public int accept(ByteBuffer sample) {
        int size = Math.min(sample.remaining(), maxSize);
        if (page != null && size <= pageRoom) {
            sample.get(sample.position(), page, pageOffset, size);
        } else {
            copyThroughScratch(sample, size);
        }
        return compiled.call(ctx, data, size, memory, instance);
    }
}
