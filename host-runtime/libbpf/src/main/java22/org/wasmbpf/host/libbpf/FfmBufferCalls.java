package org.wasmbpf.host.libbpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
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
        sysconf = FfmFunction.of(libc, "sysconf", FunctionDescriptor.of(JAVA_LONG, JAVA_INT));
        mmap = FfmFunction.withErrno(libc, "mmap",
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
        munmap = FfmFunction.withErrno(libc, "munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        epollCreate1 = FfmFunction.withErrno(libc, "epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        epollCtl = FfmFunction.withErrno(libc, "epoll_ctl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        epollWait = FfmFunction.withErrno(libc, "epoll_wait",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        close = FfmFunction.withErrno(libc, "close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        perfBufferNew = FfmFunction.withErrno(libbpf, "perf_buffer__new",
                FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        perfBufferCnt = FfmFunction.of(libbpf, "perf_buffer__buffer_cnt", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        perfBufferBuffer = FfmFunction.of(libbpf, "perf_buffer__buffer",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        perfBufferEpollFd = FfmFunction.of(libbpf, "perf_buffer__epoll_fd", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        perfBufferFree = FfmFunction.of(libbpf, "perf_buffer__free", FunctionDescriptor.ofVoid(ADDRESS));
    }

    @Override
    public long pageSize() {
        try {
            return (long) sysconf.handle().invokeExact(SC_PAGESIZE);
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public long mapShared(long length, int prot, int fd, long offset) {
        try {
            MemorySegment p = (MemorySegment) mmap.handle().invokeExact(FfmFunction.callState(), MemorySegment.NULL,
                    length, prot, MAP_SHARED, fd, offset);
            return p.address();
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public int munmap(long address, long length) {
        try {
            return (int) munmap.handle().invokeExact(FfmFunction.callState(), MemorySegment.ofAddress(address), length);
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public ByteBuffer view(long address, int length) {
        return MemorySegment.ofAddress(address).reinterpret(length).asByteBuffer();
    }

    @Override
    public int epollCreate() {
        try {
            return (int) epollCreate1.handle().invokeExact(FfmFunction.callState(), EPOLL_CLOEXEC);
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public int epollAdd(int epollFd, int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment event = arena.allocate(EPOLL_EVENT_SIZE).fill((byte) 0);
            event.set(JAVA_INT, 0, EPOLLIN);
            return (int) epollCtl.handle().invokeExact(FfmFunction.callState(), epollFd, EPOLL_CTL_ADD, fd, event);
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public int epollWait(int epollFd, int maxEvents, int timeoutMs) {
        // Not a critical call with a heap array: it may block for the whole timeout, and the GC must not wait.
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment events = arena.allocate(EPOLL_EVENT_SIZE * Math.max(1, maxEvents));
            return (int) epollWait.handle().invokeExact(FfmFunction.callState(), epollFd, events, maxEvents, timeoutMs);
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public int close(int fd) {
        try {
            return (int) close.handle().invokeExact(FfmFunction.callState(), fd);
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public long perfBufferNew(int mapFd, long pagesPerCpu) {
        try {
            MemorySegment pb = (MemorySegment) perfBufferNew.handle().invokeExact(FfmFunction.callState(), mapFd,
                    pagesPerCpu, MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL);
            return pb.address();
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public int perfBufferCount(long perfBuffer) {
        try {
            return (int) (long) perfBufferCnt.handle().invokeExact(MemorySegment.ofAddress(perfBuffer));
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public int perfBufferRing(long perfBuffer, int index, long[] addressAndSize) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(ADDRESS);
            MemorySegment size = arena.allocate(JAVA_LONG);
            int r = (int) perfBufferBuffer.handle().invokeExact(MemorySegment.ofAddress(perfBuffer), index, buf, size);
            addressAndSize[0] = buf.get(ADDRESS, 0).address();
            addressAndSize[1] = size.get(JAVA_LONG, 0);
            return r;
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public int perfBufferEpollFd(long perfBuffer) {
        try {
            return (int) perfBufferEpollFd.handle().invokeExact(MemorySegment.ofAddress(perfBuffer));
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public void perfBufferFree(long perfBuffer) {
        try {
            perfBufferFree.handle().invokeExact(MemorySegment.ofAddress(perfBuffer));
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public int errno() {
        return FfmFunction.errno();
    }
}
