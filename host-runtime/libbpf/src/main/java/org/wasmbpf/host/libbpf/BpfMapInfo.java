package org.wasmbpf.host.libbpf;

/**
 * A loaded map's metadata. {@code name} is libbpf's name for it (for internal maps the kernel
 * name, e.g. {@code getppid.rodata}).
 */
public record BpfMapInfo(String name, int fd, int type, int keySize, int valueSize, int maxEntries) {
    public static final int TYPE_HASH = 1;
    public static final int TYPE_ARRAY = 2;
    public static final int TYPE_PERF_EVENT_ARRAY = 4;
    public static final int TYPE_PERCPU_HASH = 5;
    public static final int TYPE_PERCPU_ARRAY = 6;
    public static final int TYPE_LRU_PERCPU_HASH = 10;
    public static final int TYPE_PERCPU_CGROUP_STORAGE = 21;
    public static final int TYPE_RINGBUF = 27;

    public boolean isPerCpu() {
        return type == TYPE_PERCPU_HASH
                || type == TYPE_PERCPU_ARRAY
                || type == TYPE_LRU_PERCPU_HASH
                || type == TYPE_PERCPU_CGROUP_STORAGE;
    }

    /**
     * Bytes a lookup writes: the value size, or for per-CPU maps one 8-byte-aligned value per
     * possible CPU (the kernel writes all of them, so a smaller buffer would be overrun).
     */
    public int valueBufferSize() {
        return isPerCpu() ? ((valueSize + 7) & ~7) * Libbpf.possibleCpus() : valueSize;
    }

    public boolean isBuffer() {
        return type == TYPE_RINGBUF || type == TYPE_PERF_EVENT_ARRAY;
    }
}
