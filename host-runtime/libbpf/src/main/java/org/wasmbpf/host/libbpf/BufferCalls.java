package org.wasmbpf.host.libbpf;

import static org.wasmbpf.host.libbpf.CFunction.CLOSE;
import static org.wasmbpf.host.libbpf.CFunction.EPOLL_CREATE1;
import static org.wasmbpf.host.libbpf.CFunction.EPOLL_CTL;
import static org.wasmbpf.host.libbpf.CFunction.EPOLL_WAIT;
import static org.wasmbpf.host.libbpf.CFunction.MMAP;
import static org.wasmbpf.host.libbpf.CFunction.MUNMAP;
import static org.wasmbpf.host.libbpf.CFunction.PERF_BUFFER__BUFFER;
import static org.wasmbpf.host.libbpf.CFunction.PERF_BUFFER__BUFFER_CNT;
import static org.wasmbpf.host.libbpf.CFunction.PERF_BUFFER__EPOLL_FD;
import static org.wasmbpf.host.libbpf.CFunction.PERF_BUFFER__FREE;
import static org.wasmbpf.host.libbpf.CFunction.PERF_BUFFER__NEW;
import static org.wasmbpf.host.libbpf.CFunction.SYSCONF;

import java.nio.ByteBuffer;

/**
 * The native calls of the buffer readers ({@link MappedRingBufferConsumer},
 * {@link MappedPerfBufferConsumer}), in plain Java types, over either {@link NativeBinding}:
 * mapping the kernel's rings, waiting on them, and libbpf's perf_buffer set-up. None is made per
 * sample.
 */
final class BufferCalls {
    static final long MAP_FAILED = -1L;
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    private static final int MAP_SHARED = 1;
    private static final int SC_PAGESIZE = 30;
    private static final int EPOLL_CLOEXEC = 02000000;
    private static final int EPOLL_CTL_ADD = 1;
    private static final byte EPOLLIN = 1;
    /** struct epoll_event: 12 bytes (packed) on x86-64, 16 elsewhere; the larger fits both. */
    private static final int EPOLL_EVENT_SIZE = 16;

    private final NativeBinding c;

    BufferCalls(NativeBinding binding) {
        c = binding;
    }

    long pageSize() {
        return c.call(SYSCONF, SC_PAGESIZE);
    }

    /** mmap(NULL, length, prot, MAP_SHARED, fd, offset): the address, or {@link #MAP_FAILED} with errno set. */
    long mapShared(long length, int prot, int fd, long offset) {
        return c.call(MMAP, 0, length, prot, MAP_SHARED, fd, offset);
    }

    int munmap(long address, long length) {
        return (int) c.call(MUNMAP, address, length);
    }

    /** A view of native memory that stays valid until it is unmapped or freed (byte order unset). */
    ByteBuffer view(long address, int length) {
        return c.view(address, length);
    }

    /** epoll_create1(EPOLL_CLOEXEC), with errno set on failure. */
    int epollCreate() {
        return (int) c.call(EPOLL_CREATE1, EPOLL_CLOEXEC);
    }

    /** epoll_ctl(ADD) of {@code fd} for EPOLLIN: 0 or a negative errno. */
    int epollAdd(int epollFd, int fd) {
        byte[] in = new byte[EPOLL_EVENT_SIZE];
        in[0] = EPOLLIN; // events, the first field, native order: a little-endian host's low byte
        long event = NativeMemory.allocate(c, EPOLL_EVENT_SIZE);
        try {
            c.copyIn(in, event);
            return (int) c.call(EPOLL_CTL, epollFd, EPOLL_CTL_ADD, fd, event) < 0 ? -c.errno() : 0;
        } finally {
            NativeMemory.free(c, event);
        }
    }

    /**
     * epoll_wait: the number of ready fds (their events are not needed), 0 on timeout, or a
     * negative errno. Not a critical call on a Java array: it may block for the whole timeout,
     * and the GC must not wait.
     */
    /** Room for {@code maxEvents} results of {@link #epollWait}; freed with {@link #freeEpollEvents}. */
    long allocateEpollEvents(int maxEvents) {
        return NativeMemory.allocate(c, (long) EPOLL_EVENT_SIZE * Math.max(1, maxEvents));
    }

    void freeEpollEvents(long events) {
        NativeMemory.free(c, events);
    }

    /** epoll_wait into {@code events} (from {@link #allocateEpollEvents}): the count ready, or a negative errno. */
    int epollWait(int epollFd, long events, int maxEvents, int timeoutMs) {
        int n = (int) c.call(EPOLL_WAIT, epollFd, events, maxEvents, timeoutMs);
        return n < 0 ? -c.errno() : n;
    }

    int close(int fd) {
        return (int) c.call(CLOSE, fd);
    }

    /** perf_buffer__new with no callbacks (the rings are read by the caller): 0 with errno set on failure. */
    long perfBufferNew(int mapFd, long pagesPerCpu) {
        return c.call(PERF_BUFFER__NEW, mapFd, pagesPerCpu, 0, 0, 0, 0);
    }

    int perfBufferCount(long perfBuffer) {
        return (int) c.call(PERF_BUFFER__BUFFER_CNT, perfBuffer);
    }

    /** perf_buffer__buffer: stores the ring's mapping address and its data size; 0 or a negative errno. */
    int perfBufferRing(long perfBuffer, int index, long[] addressAndSize) {
        long out = NativeMemory.allocate(c, 2 * Long.BYTES);
        try {
            int r = (int) c.call(PERF_BUFFER__BUFFER, perfBuffer, index, out, out + Long.BYTES);
            addressAndSize[0] = NativeMemory.getLong(c, out);
            addressAndSize[1] = NativeMemory.getLong(c, out + Long.BYTES);
            return r;
        } finally {
            NativeMemory.free(c, out);
        }
    }

    int perfBufferEpollFd(long perfBuffer) {
        return (int) c.call(PERF_BUFFER__EPOLL_FD, perfBuffer);
    }

    void perfBufferFree(long perfBuffer) {
        c.call(PERF_BUFFER__FREE, perfBuffer);
    }

    /** errno as the last call of this binding on this thread left it. */
    int errno() {
        return c.errno();
    }
}
