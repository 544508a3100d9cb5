package org.wasmbpf.host.libbpf;

import jnr.ffi.Pointer;
import jnr.ffi.types.size_t;

/** The few libc functions the binding needs around libbpf. Public only for jnr-ffi. */
public interface LibcNative {
    int O_RDONLY = 0;
    int O_CLOEXEC = 02000000;

    int if_nametoindex(String name);

    int open(String path, int flags);

    int close(int fd);

    int mount(String source, String target, String fstype, long flags, Pointer data);

    int vsnprintf(Pointer buf, @size_t long size, Pointer format, Pointer ap);

    String strerror(int errnum);
}
