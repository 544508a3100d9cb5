package org.wasmbpf.host.libbpf;

import java.util.concurrent.atomic.AtomicLong;
import jnr.ffi.Pointer;

/** A BPF_MAP_TYPE_PERF_EVENT_ARRAY consumer (libbpf perf_buffer, one ring per CPU). */
final class PerfBufferConsumer extends BufferConsumer {
    /** Pages per CPU ring (a power of two): 256 KiB with 4 KiB pages. */
    static final long PAGES_PER_CPU = 64;

    private final AtomicLong lost = new AtomicLong();
    // Referenced for the consumer's lifetime: libbpf keeps calling them.
    private final LibbpfNative.PerfSampleFn sampleCallback = (ctx, cpu, data, size) -> deliver(data, size);
    private final LibbpfNative.PerfLostFn lostCallback = (ctx, cpu, count) -> lost.addAndGet(count);
    private final long capacity = PAGES_PER_CPU * RingNative.get().sysconf(RingNative.SC_PAGESIZE);
    private Pointer pb;

    PerfBufferConsumer(int mapFd) {
        super(mapFd);
        LibbpfLog.clear();
        pb = Native.bpf().perf_buffer__new(mapFd, PAGES_PER_CPU, sampleCallback, lostCallback, null, null);
        if (pb == null) {
            int errno = Native.errno();
            throw new BpfException(errno,
                    "cannot open a perf buffer on map fd " + mapFd + ": " + Errno.describe(errno), LibbpfLog.tail());
        }
    }

    @Override
    public int mapType() {
        return BpfMapInfo.TYPE_PERF_EVENT_ARRAY;
    }

    @Override
    public long lostSamples() {
        return lost.get();
    }

    @Override
    long capacityBytes() {
        return capacity;
    }

    @Override
    int nativePoll(int timeoutMs) {
        return Native.bpf().perf_buffer__poll(pb, timeoutMs);
    }

    @Override
    void free() {
        Native.bpf().perf_buffer__free(pb);
        pb = null;
    }
}
