package org.wasmbpf.host.libbpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.ByteBuffer;

/**
 * {@link BufferCalls} through java.lang.foreign (JDK 22 and later), each function bound on its
 * first call. {@link Native} loads it by name, so JDK 17 never sees this class.
 */
final class FfmBufferCalls implements BufferCalls {
    private static final int SC_PAGESIZE = 30;
    private static final int MAP_SHARED = 1;
    private static final int EPOLL_CLOEXEC = 02000000;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLLIN = 1;
    /** struct epoll_event: 12 bytes (packed) on x86-64, 16 elsewhere; the larger fits both. */
    private static final long EPOLL_EVENT_SIZE = 16;

    private final FfmFunction sysconf;
    private final FfmFunction mmap;
    private final FfmFunction munmap;
    private final FfmFunction epollCreate1;
    private final FfmFunction epollCtl;
    private final FfmFunction epollWait;
    private final FfmFunction close;
    private final FfmFunction perfBufferNew;
    private final FfmFunction perfBufferCnt;
    private final FfmFunction perfBufferBuffer;
    private final FfmFunction perfBufferEpollFd;
    private final FfmFunction perfBufferFree;

    FfmBufferCalls() {
        SymbolLookup libc = FfmFunction.LINKER.defaultLookup();
        SymbolLookup libbpf;
        try {
            libbpf = SymbolLookup.libraryLookup(Native.LIBBPF, Arena.global());
        } catch (IllegalArgumentException e) {
            throw Native.cannotLoad(e.getMessage());
        }
        sysconf = FfmFunction.of(libc, "sysconf");
        mmap = FfmFunction.of(libc, "mmap");
        munmap = FfmFunction.of(libc, "munmap");
        epollCreate1 = FfmFunction.of(libc, "epoll_create1");
        epollCtl = FfmFunction.of(libc, "epoll_ctl");
        epollWait = FfmFunction.of(libc, "epoll_wait");
        close = FfmFunction.of(libc, "close");
        perfBufferNew = FfmFunction.of(libbpf, "perf_buffer__new");
        perfBufferCnt = FfmFunction.of(libbpf, "perf_buffer__buffer_cnt");
        perfBufferBuffer = FfmFunction.of(libbpf, "perf_buffer__buffer");
        perfBufferEpollFd = FfmFunction.of(libbpf, "perf_buffer__epoll_fd");
        perfBufferFree = FfmFunction.of(libbpf, "perf_buffer__free");
    }

    @Override
    public long pageSize() {
        return sysconf.call(SC_PAGESIZE);
    }

    @Override
    public long mapShared(long length, int prot, int fd, long offset) {
        return mmap.call(0, length, prot, MAP_SHARED, fd, offset);
    }

    @Override
    public int munmap(long address, long length) {
        return (int) munmap.call(address, length);
    }

    @Override
    public ByteBuffer view(long address, int length) {
        return MemorySegment.ofAddress(address).reinterpret(length).asByteBuffer();
    }

    @Override
    public int epollCreate() {
        return (int) epollCreate1.call(EPOLL_CLOEXEC);
    }

    @Override
    public int epollAdd(int epollFd, int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment event = arena.allocate(EPOLL_EVENT_SIZE).fill((byte) 0);
            FfmValues.setInt(event, 0, EPOLLIN);
            return (int) epollCtl.call(epollFd, EPOLL_CTL_ADD, fd, event.address());
        }
    }

    @Override
    public int epollWait(int epollFd, int maxEvents, int timeoutMs) {
        // Not a critical call with a heap array: it may block for the whole timeout, and the GC must not wait.
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment events = arena.allocate(EPOLL_EVENT_SIZE * Math.max(1, maxEvents));
            return (int) epollWait.call(epollFd, events.address(), maxEvents, timeoutMs);
        }
    }

    @Override
    public int close(int fd) {
        return (int) close.call(fd);
    }

    @Override
    public long perfBufferNew(int mapFd, long pagesPerCpu) {
        return perfBufferNew.call(mapFd, pagesPerCpu, 0, 0, 0, 0);
    }

    @Override
    public int perfBufferCount(long perfBuffer) {
        return (int) perfBufferCnt.call(perfBuffer);
    }

    @Override
    public int perfBufferRing(long perfBuffer, int index, long[] addressAndSize) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(ADDRESS);
            MemorySegment size = arena.allocate(JAVA_LONG);
            int r = (int) perfBufferBuffer.call(perfBuffer, index, buf.address(), size.address());
            addressAndSize[0] = FfmValues.getLong(buf, 0);
            addressAndSize[1] = FfmValues.getLong(size, 0);
            return r;
        }
    }

    @Override
    public int perfBufferEpollFd(long perfBuffer) {
        return (int) perfBufferEpollFd.call(perfBuffer);
    }

    @Override
    public void perfBufferFree(long perfBuffer) {
        perfBufferFree.call(perfBuffer);
    }

    @Override
    public int errno() {
        return FfmFunction.errno();
    }
}
