package org.wasmbpf.host.libbpf;

import static org.wasmbpf.host.libbpf.CFunction.RING_BUFFER__FREE;
import static org.wasmbpf.host.libbpf.CFunction.RING_BUFFER__NEW;
import static org.wasmbpf.host.libbpf.CFunction.RING_BUFFER__POLL;

import com.kenai.jffi.Closure;
import com.kenai.jffi.Type;

/**
 * A BPF_MAP_TYPE_RINGBUF consumer through libbpf's ring_buffer, one native callback per sample: used
 * only for rings too large for {@link MappedRingBufferConsumer}'s views (over {@link MappedRingBufferConsumer#MAX_RING_BYTES} bytes).
 * Through jffi on every JDK: its callback is a jffi closure, which needs no generated classes.
 */
final class LibbpfRingBufferConsumer extends BufferConsumer {
    private final JnrBinding c = Native.jffi();
    // Referenced for the consumer's lifetime: libbpf keeps calling it.
    private final Closure.Handle callback;
    private final long capacity;
    private long rb;

    LibbpfRingBufferConsumer(int mapFd, int maxEntries) {
        super(mapFd);
        this.capacity = maxEntries;
        // ring_buffer_sample_fn: int (*)(void *ctx, void *data, size_t size)
        callback = JnrBinding.callback(new Sample(this), Type.SINT32, Type.POINTER, Type.POINTER, Type.SINT64);
        LibbpfLog.clear();
        rb = c.call(RING_BUFFER__NEW, mapFd, callback.getAddress(), 0, 0);
        if (rb == 0) {
            int errno = c.errno();
            callback.free();
            throw new BpfException(errno,
                    "cannot open a ring buffer on map fd " + mapFd + ": " + Errno.describe(errno), LibbpfLog.tail());
        }
    }

    private record Sample(LibbpfRingBufferConsumer consumer) implements Closure {
        @Override
        public void invoke(Closure.Buffer buffer) {
            buffer.setIntReturn(consumer.deliverSample(consumer.c.view(buffer.getAddress(1), (int) buffer.getLong(2))));
        }
    }

    @Override
    public int mapType() {
        return BpfMapInfo.TYPE_RINGBUF;
    }

    @Override
    long capacityBytes() {
        return capacity;
    }

    @Override
    int nativePoll(int timeoutMs) {
        return (int) c.call(RING_BUFFER__POLL, rb, timeoutMs);
    }

    @Override
    void free() {
        c.call(RING_BUFFER__FREE, rb);
        rb = 0;
        callback.free();
    }
}
