package org.wasmbpf.host.libbpf;

import com.kenai.jffi.MemoryIO;
import java.nio.ByteBuffer;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/** {@link BufferCalls} through jnr-ffi, for JDKs before 22. */
final class JnrBufferCalls implements BufferCalls {
    private final RingNative libc = RingNative.get();
    private final PerfBufferNative perf = PerfBufferNative.get();
    private final byte[] events = new byte[RingNative.EPOLL_EVENT_SIZE * 64];

    @Override
    public long pageSize() {
        return libc.sysconf(RingNative.SC_PAGESIZE);
    }

    @Override
    public long mapShared(long length, int prot, int fd, long offset) {
        Pointer p = libc.mmap(null, length, prot, RingNative.MAP_SHARED, fd, offset);
        return p == null ? MAP_FAILED : p.address();
    }

    @Override
    public int munmap(long address, long length) {
        return libc.munmap(address, length);
    }

    @Override
    public ByteBuffer view(long address, int length) {
        return MemoryIO.getInstance().newDirectByteBuffer(address, length);
    }

    @Override
    public int epollCreate() {
        return libc.epoll_create1(RingNative.EPOLL_CLOEXEC);
    }

    @Override
    public int epollAdd(int epollFd, int fd) {
        byte[] in = new byte[RingNative.EPOLL_EVENT_SIZE];
        in[0] = RingNative.EPOLLIN;
        return libc.epoll_ctl(epollFd, RingNative.EPOLL_CTL_ADD, fd, in);
    }

    @Override
    public int epollWait(int epollFd, int maxEvents, int timeoutMs) {
        byte[] out = maxEvents <= 64 ? events : new byte[RingNative.EPOLL_EVENT_SIZE * maxEvents];
        return libc.epoll_wait(epollFd, out, maxEvents, timeoutMs);
    }

    @Override
    public int close(int fd) {
        return libc.close(fd);
    }

    @Override
    public long perfBufferNew(int mapFd, long pagesPerCpu) {
        Pointer pb = Native.bpf().perf_buffer__new(mapFd, pagesPerCpu, null, null, null, null);
        return pb == null ? 0 : pb.address();
    }

    @Override
    public int perfBufferCount(long perfBuffer) {
        return (int) perf.perf_buffer__buffer_cnt(pointer(perfBuffer));
    }

    @Override
    public int perfBufferRing(long perfBuffer, int index, long[] addressAndSize) {
        long[] address = new long[1];
        long[] size = new long[1];
        int r = perf.perf_buffer__buffer(pointer(perfBuffer), index, address, size);
        addressAndSize[0] = address[0];
        addressAndSize[1] = size[0];
        return r;
    }

    @Override
    public int perfBufferEpollFd(long perfBuffer) {
        return perf.perf_buffer__epoll_fd(pointer(perfBuffer));
    }

    @Override
    public void perfBufferFree(long perfBuffer) {
        Native.bpf().perf_buffer__free(pointer(perfBuffer));
    }

    @Override
    public int errno() {
        return Native.errno();
    }

    private static Pointer pointer(long address) {
        return Pointer.wrap(Runtime.getSystemRuntime(), address);
    }
}
