package org.wasmbpf.host.libbpf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A BPF_MAP_TYPE_RINGBUF consumer that reads the ring from Java, through the kernel's own mapping
 * of it, as libbpf's ring_buffer does in C: no native call and no allocation per sample, one
 * {@code epoll_wait} only when the ring is empty. The layout and the memory ordering are the
 * kernel's ABI (kernel/bpf/ringbuf.c, mirrored by libbpf's ringbuf.c):
 *
 * <pre>
 * page 0 (read-write): consumer_pos      page 1 (read-only): producer_pos
 * pages 2..: data, mapped twice in a row so that a record that wraps is contiguous
 * record: u32 len (bit 31 busy, bit 30 discarded), u32 page offset, sample, padding to 8
 * </pre>
 */
final class MappedRingBufferConsumer extends MappedBufferConsumer {
    /** The data area is mapped twice; both copies must fit one ByteBuffer. */
    static final long MAX_RING_BYTES = 1L << 29;

    private static final int BUSY_BIT = 1 << 31;
    private static final int DISCARD_BIT = 1 << 30;
    private static final int HEADER = 8;
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final long pageSize;
    private final long mask;
    private long consumerAddress;
    private long producerAddress;
    private final long producerLength;
    private final ByteBuffer consumerPage;
    /** Page 1 (producer_pos) followed by the data area twice; data offset {@code pageSize}. */
    private final ByteBuffer producerAndData;
    private final ByteBuffer sample;
    private int epollFd = -1;

    /** Whether a ring of {@code maxEntries} bytes can be mapped whole into this consumer's views. */
    static boolean fits(int maxEntries) {
        return maxEntries > 0 && maxEntries <= MAX_RING_BYTES;
    }

    MappedRingBufferConsumer(int mapFd, int maxEntries) {
        super(mapFd);
        if (!fits(maxEntries) || Integer.bitCount(maxEntries) != 1) {
            throw new BpfException(Errno.EINVAL, "ring buffer map fd " + mapFd + " has " + maxEntries
                    + " bytes; expected a power of two up to " + MAX_RING_BYTES);
        }
        pageSize = calls.pageSize();
        mask = maxEntries - 1L;
        producerLength = pageSize + 2L * maxEntries;
        try {
            consumerAddress = map(mapFd, pageSize, BufferCalls.PROT_READ | BufferCalls.PROT_WRITE, 0);
            producerAddress = map(mapFd, producerLength, BufferCalls.PROT_READ, pageSize);
            epollFd = watch(mapFd);
        } catch (BpfException e) {
            freeMappings();
            throw e;
        }
        consumerPage = calls.view(consumerAddress, (int) pageSize).order(ByteOrder.nativeOrder());
        producerAndData = calls.view(producerAddress, (int) producerLength).order(ByteOrder.nativeOrder());
        sample = producerAndData.duplicate().order(ByteOrder.nativeOrder());
    }

    @Override
    public int mapType() {
        return BpfMapInfo.TYPE_RINGBUF;
    }

    /** Samples are views of the mapped ring, whose bytes the kernel keeps until the consumer position passes them. */
    @Override
    public boolean samplesStayUntilRelease() {
        return true;
    }

    @Override
    long capacityBytes() {
        return mask + 1;
    }

    @Override
    int epollFd() {
        return epollFd;
    }

    @Override
    int watchedFds() {
        return 1;
    }

    /** Hands every committed sample to the sink until the ring is empty or the sink stops. */
    @Override
    int consume() {
        long consumer = (long) LONG.getOpaque(consumerPage, 0);
        long released = consumer;
        int count = 0;
        try {
            while (true) {
                long producer = (long) LONG.getAcquire(producerAndData, 0);
                if (consumer >= producer) {
                    return count;
                }
                while (consumer < producer) {
                    int at = (int) (pageSize + (consumer & mask));
                    // A plain read and a fence is the acquire the kernel's commit pairs with; the
                    // VarHandle's own getAcquire checks the buffer's session on every sample.
                    int len = producerAndData.getInt(at);
                    VarHandle.acquireFence();
                    if ((len & BUSY_BIT) != 0) {
                        return count; // reserved, not yet committed: the wait wakes us when it is
                    }
                    int size = len & ~DISCARD_BIT;
                    consumer += (size + HEADER + 7) & ~7L;
                    if ((len & DISCARD_BIT) == 0) {
                        count++;
                        sample.limit(at + HEADER + size).position(at + HEADER);
                        int r = deliverSample(sample);
                        sample.clear();
                        if (r != 0) {
                            return count; // that sample is consumed, as libbpf does
                        }
                    }
                    if (consumer - released >= RELEASE_EVERY_BYTES) {
                        beforeRelease();
                        LONG.setRelease(consumerPage, 0, consumer);
                        released = consumer;
                    }
                }
            }
        } finally {
            if (consumer != released) {
                beforeRelease();
                LONG.setRelease(consumerPage, 0, consumer);
            }
        }
    }

    @Override
    void freeMappings() {
        if (epollFd >= 0) {
            calls.close(epollFd);
            epollFd = -1;
        }
        if (producerAddress != 0) {
            calls.munmap(producerAddress, producerLength);
            producerAddress = 0;
        }
        if (consumerAddress != 0) {
            calls.munmap(consumerAddress, pageSize);
            consumerAddress = 0;
        }
    }

    private long map(int mapFd, long length, int prot, long offset) {
        long address = calls.mapShared(length, prot, mapFd, offset);
        if (address == BufferCalls.MAP_FAILED) {
            int errno = calls.errno();
            throw new BpfException(errno, "cannot map ring buffer map fd " + mapFd + ": " + Errno.describe(errno));
        }
        return address;
    }

    private int watch(int mapFd) {
        int fd = calls.epollCreate();
        if (fd < 0) {
            int errno = calls.errno();
            throw new BpfException(errno, "cannot create an epoll instance: " + Errno.describe(errno));
        }
        int added = calls.epollAdd(fd, mapFd);
        if (added < 0) {
            int errno = -added;
            calls.close(fd);
            throw new BpfException(errno, "cannot watch ring buffer map fd " + mapFd + ": " + Errno.describe(errno));
        }
        return fd;
    }
}
