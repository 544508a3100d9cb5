package org.wasmbpf.host.libbpf;

import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.intptr_t;
import jnr.ffi.types.size_t;

/**
 * The libc calls that map a BPF ring buffer and wait on it, for {@link JnrBufferCalls}. Kept apart
 * from {@link LibcNative} so that a run which never polls a buffer does not pay for binding them.
 * Public only for jnr-ffi.
 */
public interface RingNative {
    int PROT_READ = 1;
    int PROT_WRITE = 2;
    int MAP_SHARED = 1;
    int SC_PAGESIZE = 30;
    int EPOLL_CLOEXEC = 02000000;
    int EPOLL_CTL_ADD = 1;
    int EPOLLIN = 1;
    /** struct epoll_event: 12 bytes (packed) on x86-64, 16 elsewhere; the larger fits both. */
    int EPOLL_EVENT_SIZE = 16;

    /** Returns MAP_FAILED's address on failure. (jnr-ffi 2.2.17 passes a (long, long, int, int, int, long) signature wrongly.) */
    Pointer mmap(Pointer addr, @size_t long length, int prot, int flags, int fd, long offset);

    int munmap(@intptr_t long addr, @size_t long length);

    long sysconf(int name);

    int epoll_create1(int flags);

    int epoll_ctl(int epfd, int op, int fd, @In byte[] event);

    int epoll_wait(int epfd, @Out byte[] events, int maxEvents, int timeoutMs);

    int close(int fd);

    /** Bound on first use. */
    static RingNative get() {
        return Holder.INSTANCE;
    }

    final class Holder {
        static final RingNative INSTANCE = LibraryLoader.create(RingNative.class)
                .option(LibraryOption.SaveError, Boolean.TRUE)
                .failImmediately()
                .load("c");

        private Holder() {}
    }
}
