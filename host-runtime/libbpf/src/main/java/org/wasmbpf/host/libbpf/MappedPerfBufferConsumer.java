package org.wasmbpf.host.libbpf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A BPF_MAP_TYPE_PERF_EVENT_ARRAY consumer: libbpf's perf_buffer opens and maps one perf ring per
 * CPU, and this class reads the rings from Java, as libbpf's perf_buffer__poll does in C, so a
 * sample costs no native call. A record that wraps around the end of its ring (perf maps the data
 * once) is copied into a reused buffer. Unlike libbpf, a sink that stops leaves the rest of a
 * CPU's ring in place for the next poll. Layout (include/uapi/linux/perf_event.h):
 *
 * <pre>
 * page 0: perf_event_mmap_page, data_head at 1024 (acquire), data_tail at 1032 (release)
 * then the data: records { u32 type; u16 misc; u16 size; ... }
 *   PERF_RECORD_SAMPLE (9): u32 raw size, raw bytes    PERF_RECORD_LOST (2): u64 id, u64 lost
 * </pre>
 */
final class MappedPerfBufferConsumer extends MappedBufferConsumer {
    /**
     * Pages per CPU ring (a power of two): 1 MiB with 4 KiB pages. Perf rings are small next to a
     * typical ring buffer, and a JVM consumer can pause for tens of milliseconds (JIT, GC): at
     * 250,000 samples a second on one CPU, 256 KiB of 80-byte records last 13 ms, 1 MiB 52 ms.
     */
    static final long PAGES_PER_CPU = 256;
    private static final int DATA_HEAD = 1024;
    private static final int DATA_TAIL = 1032;
    private static final int RECORD_LOST = 2;
    private static final int RECORD_SAMPLE = 9;
    private static final int RECORD_HEADER = 8;
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final AtomicLong lost = new AtomicLong();
    private final int pageSize;
    private final int dataSize;
    private final ByteBuffer[] rings;
    private final ByteBuffer[] samples;
    private final int epollFd;
    /**
     * Direct, as the views of the rings are: one buffer class on the path to the sink, or the JIT,
     * having compiled it for one, compiled it again each time the other came (wrapping is rare).
     */
    private ByteBuffer wrapped = ByteBuffer.allocateDirect(256).order(ByteOrder.nativeOrder());
    private long pb;

    MappedPerfBufferConsumer(int mapFd) {
        super(mapFd);
        LibbpfLog.clear();
        pageSize = (int) calls.pageSize();
        dataSize = (int) (PAGES_PER_CPU * pageSize);
        pb = calls.perfBufferNew(mapFd, PAGES_PER_CPU);
        if (pb == 0) {
            int errno = calls.errno();
            throw new BpfException(errno,
                    "cannot open a perf buffer on map fd " + mapFd + ": " + Errno.describe(errno), LibbpfLog.tail());
        }
        int count = calls.perfBufferCount(pb);
        rings = new ByteBuffer[count];
        samples = new ByteBuffer[count];
        long[] ring = new long[2];
        for (int i = 0; i < count; i++) {
            int err = calls.perfBufferRing(pb, i, ring);
            if (err < 0 || ring[1] != dataSize) {
                freeMappings();
                throw new BpfException(err < 0 ? -err : Errno.EINVAL, "cannot read perf ring " + i + " of map fd "
                        + mapFd + (err < 0 ? ": " + Errno.describe(-err) : ": " + ring[1] + " bytes, expected " + dataSize));
            }
            rings[i] = calls.view(ring[0], pageSize + dataSize).order(ByteOrder.nativeOrder());
            samples[i] = rings[i].duplicate().order(ByteOrder.nativeOrder());
        }
        epollFd = calls.perfBufferEpollFd(pb);
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
        return dataSize;
    }

    @Override
    int epollFd() {
        return epollFd;
    }

    @Override
    int watchedFds() {
        return rings.length;
    }

    @Override
    int consume() {
        int count = 0;
        for (int i = 0; i < rings.length; i++) {
            int n = consumeRing(rings[i], samples[i]);
            if (n < 0) {
                return count - n - 1; // the sink stopped: leave the other rings for the next poll
            }
            count += n;
        }
        return count;
    }

    /** @return samples delivered, or -(samples + 1) when the sink stopped on the last of them */
    private int consumeRing(ByteBuffer ring, ByteBuffer view) {
        long head = (long) LONG.getAcquire(ring, DATA_HEAD);
        long tail = (long) LONG.getOpaque(ring, DATA_TAIL);
        long released = tail;
        int count = 0;
        try {
            while (tail < head) {
                int offset = (int) (tail % dataSize);
                int size = Short.toUnsignedInt(ring.getShort(pageSize + offset + 6));
                if (size < RECORD_HEADER || head - tail < size) {
                    tail = head; // not a record boundary: drop what is there rather than misread it
                    break;
                }
                boolean wraps = offset + size > dataSize;
                ByteBuffer record = wraps ? unwrap(ring, offset, size) : view;
                int at = wraps ? 0 : pageSize + offset;
                tail += size;
                int type = record.getInt(at);
                if (type == RECORD_SAMPLE && size >= RECORD_HEADER + 4) {
                    int raw = Math.min(record.getInt(at + RECORD_HEADER), size - RECORD_HEADER - 4);
                    record.limit(at + RECORD_HEADER + 4 + raw).position(at + RECORD_HEADER + 4);
                    int r = deliverSample(record);
                    record.clear();
                    count++;
                    if (r != 0) {
                        return -(count + 1);
                    }
                } else if (type == RECORD_LOST && size >= RECORD_HEADER + 16) {
                    lost.addAndGet(record.getLong(at + RECORD_HEADER + 8));
                }
                if (tail - released >= RELEASE_EVERY_BYTES) {
                    LONG.setRelease(ring, DATA_TAIL, tail);
                    released = tail;
                }
            }
            return count;
        } finally {
            LONG.setRelease(ring, DATA_TAIL, tail);
        }
    }

    /** Copies a record that runs past the end of the data area into one piece. */
    private ByteBuffer unwrap(ByteBuffer ring, int offset, int size) {
        if (wrapped.capacity() < size) {
            wrapped = ByteBuffer.allocateDirect(Math.max(size, 2 * wrapped.capacity())).order(ByteOrder.nativeOrder());
        }
        int first = dataSize - offset;
        wrapped.clear();
        wrapped.put(0, ring, pageSize + offset, first);
        wrapped.put(first, ring, pageSize, size - first);
        return wrapped;
    }

    @Override
    void freeMappings() {
        if (pb != 0) {
            calls.perfBufferFree(pb);
            pb = 0;
        }
    }
}
