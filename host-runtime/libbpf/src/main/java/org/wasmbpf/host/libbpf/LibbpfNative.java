package org.wasmbpf.host.libbpf;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.Delegate;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.u_int64_t;

/**
 * The slice of libbpf 1.x (libbpf.so.1) this host uses; pointers are opaque libbpf structs.
 * Public only because jnr-ffi generates its implementation in another class loader.
 */
public interface LibbpfNative {

    Pointer bpf_object__open_mem(Pointer buf, @size_t long size, Pointer opts);

    int bpf_object__load(Pointer obj);

    void bpf_object__close(Pointer obj);

    Pointer bpf_object__find_program_by_name(Pointer obj, String name);

    Pointer bpf_object__find_map_by_name(Pointer obj, String name);

    Pointer bpf_object__next_map(Pointer obj, Pointer prev);

    String bpf_program__section_name(Pointer prog);

    Pointer bpf_program__attach(Pointer prog);

    Pointer bpf_program__attach_xdp(Pointer prog, int ifindex);

    Pointer bpf_program__attach_cgroup(Pointer prog, int cgroupFd);

    int bpf_link__destroy(Pointer link);

    /** Describes libbpf's own error codes (4000 and up), which strerror calls "Unknown error". */
    int libbpf_strerror(int err, @Out byte[] buf, @size_t long size);

    String bpf_map__name(Pointer map);

    int bpf_map__fd(Pointer map);

    int bpf_map__type(Pointer map);

    int bpf_map__key_size(Pointer map);

    int bpf_map__value_size(Pointer map);

    int bpf_map__max_entries(Pointer map);

    Pointer ring_buffer__new(int mapFd, RingBufferSampleFn sampleCb, Pointer ctx, Pointer opts);

    int ring_buffer__poll(Pointer rb, int timeoutMs);

    void ring_buffer__free(Pointer rb);

    Pointer perf_buffer__new(
            int mapFd, @size_t long pageCnt, PerfSampleFn sampleCb, PerfLostFn lostCb, Pointer ctx, Pointer opts);

    void perf_buffer__free(Pointer pb);

    Pointer libbpf_set_print(PrintFn fn);

    int libbpf_num_possible_cpus();

    // The low-level map API of libbpf >= 1.0 returns -errno directly.
    int bpf_map_lookup_elem(int fd, @In byte[] key, @Out byte[] value);

    int bpf_map_update_elem(int fd, @In byte[] key, @In byte[] value, @u_int64_t long flags);

    int bpf_map_delete_elem(int fd, @In byte[] key);

    int bpf_map_get_next_key(int fd, @In byte[] key, @Out byte[] nextKey);

    interface RingBufferSampleFn {
        @Delegate
        int call(Pointer ctx, Pointer data, @size_t long size);
    }

    interface PerfSampleFn {
        @Delegate
        void call(Pointer ctx, int cpu, Pointer data, int size);
    }

    interface PerfLostFn {
        @Delegate
        void call(Pointer ctx, int cpu, @u_int64_t long count);
    }

    /** libbpf_print_fn_t: {@code ap} is the va_list, which on x86-64 and aarch64 arrives as a pointer. */
    interface PrintFn {
        @Delegate
        int call(int level, Pointer format, Pointer ap);
    }
}
