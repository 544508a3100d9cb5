package org.wasmbpf.host.libbpf;

import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import jnr.ffi.Pointer;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;

/**
 * libbpf's accessors for the rings of a perf_buffer, which {@link MappedPerfBufferConsumer} reads
 * itself; used through {@link JnrBufferCalls}. Bound on first use, apart from {@link LibbpfNative},
 * so a run without perf buffers does not pay for them. Public only for jnr-ffi.
 */
public interface PerfBufferNative {
    @size_t
    long perf_buffer__buffer_cnt(Pointer pb);

    /** The ring's mapping: the perf_event_mmap_page, then {@code bufSize[0]} bytes of data. */
    int perf_buffer__buffer(Pointer pb, int index, @Out long[] buf, @Out long[] bufSize);

    int perf_buffer__epoll_fd(Pointer pb);

    static PerfBufferNative get() {
        return Holder.INSTANCE;
    }

    final class Holder {
        static final PerfBufferNative INSTANCE = LibraryLoader.create(PerfBufferNative.class)
                .option(LibraryOption.SaveError, Boolean.TRUE)
                .failImmediately()
                .load(Native.LIBBPF);

        private Holder() {}
    }
}
