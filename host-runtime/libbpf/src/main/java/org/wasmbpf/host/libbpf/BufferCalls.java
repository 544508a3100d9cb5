package org.wasmbpf.host.libbpf;

import java.nio.ByteBuffer;

/**
 * The native calls of the buffer readers ({@link MappedRingBufferConsumer},
 * {@link MappedPerfBufferConsumer}), in plain Java types: mapping the kernel's rings, waiting on
 * them, and libbpf's perf_buffer set-up. None is made per sample. Bound like {@link NativeCalls}:
 * {@code java.lang.foreign} on JDK 22 and later, jnr-ffi before.
 */
interface BufferCalls {
    long MAP_FAILED = -1L;
    int PROT_READ = 1;
    int PROT_WRITE = 2;

    long pageSize();

    /** mmap(NULL, length, prot, MAP_SHARED, fd, offset): the address, or {@link #MAP_FAILED} with errno set. */
    long mapShared(long length, int prot, int fd, long offset);

    int munmap(long address, long length);

    /** A view of native memory that stays valid until it is unmapped or freed (byte order unset). */
    ByteBuffer view(long address, int length);

    /** epoll_create1(EPOLL_CLOEXEC) */
    int epollCreate();

    /** epoll_ctl(ADD) of {@code fd} for EPOLLIN */
    int epollAdd(int epollFd, int fd);

    /** epoll_wait: the number of ready fds (their events are not needed), 0 on timeout, -1 with errno set. */
    int epollWait(int epollFd, int maxEvents, int timeoutMs);

    int close(int fd);

    /** perf_buffer__new with no callbacks (the rings are read by the caller): 0 with errno set on failure. */
    long perfBufferNew(int mapFd, long pagesPerCpu);

    int perfBufferCount(long perfBuffer);

    /** perf_buffer__buffer: stores the ring's mapping address and its data size; 0 or a negative errno. */
    int perfBufferRing(long perfBuffer, int index, long[] addressAndSize);

    int perfBufferEpollFd(long perfBuffer);

    void perfBufferFree(long perfBuffer);

    /** errno as the last call of this binding on this thread left it. */
    int errno();
}
