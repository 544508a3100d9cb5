package org.wasmbpf.host.libbpf;

import jnr.ffi.Pointer;

/**
 * A BPF_MAP_TYPE_RINGBUF consumer through libbpf's ring_buffer, one native callback per sample: used
 * only for rings too large for {@link MappedRingBufferConsumer}'s views (over {@link MappedRingBufferConsumer#MAX_RING_BYTES} bytes).
 */
final class LibbpfRingBufferConsumer extends BufferConsumer {
    // Referenced for the consumer's lifetime: libbpf keeps calling it.
    private final LibbpfNative.RingBufferSampleFn callback = (ctx, data, size) -> deliver(data, (int) size);
    private final long capacity;
    private Pointer rb;

    LibbpfRingBufferConsumer(int mapFd, int maxEntries) {
        super(mapFd);
        this.capacity = maxEntries;
        LibbpfLog.clear();
        rb = Native.bpf().ring_buffer__new(mapFd, callback, null, null);
        if (rb == null && LibbpfLog.retryForLog()) {
            rb = Native.bpf().ring_buffer__new(mapFd, callback, null, null);
        }
        if (rb == null) {
            int errno = Native.errno();
            throw new BpfException(errno,
                    "cannot open a ring buffer on map fd " + mapFd + ": " + Errno.describe(errno), LibbpfLog.tail());
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
        return Native.bpf().ring_buffer__poll(rb, timeoutMs);
    }

    @Override
    void free() {
        Native.bpf().ring_buffer__free(rb);
        rb = null;
    }
}
