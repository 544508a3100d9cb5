package org.wasmbpf.host.libbpf;

import jnr.ffi.Pointer;

/** A BPF_MAP_TYPE_RINGBUF consumer (libbpf ring_buffer). */
final class RingBufferConsumer extends BufferConsumer {
    // Referenced for the consumer's lifetime: libbpf keeps calling it.
    private final LibbpfNative.RingBufferSampleFn callback = (ctx, data, size) -> deliver(data, (int) size);
    private Pointer rb;

    RingBufferConsumer(int mapFd) {
        super(mapFd);
        LibbpfLog.clear();
        rb = Native.bpf().ring_buffer__new(mapFd, callback, null, null);
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
    int nativePoll(int timeoutMs) {
        return Native.bpf().ring_buffer__poll(rb, timeoutMs);
    }

    @Override
    void free() {
        Native.bpf().ring_buffer__free(rb);
        rb = null;
    }
}
