package org.wasmbpf.skeleton.c;

/** enum bpf_map_type, for comments next to the numbers in the skeleton. */
public final class MapTypeNames {
    private static final String[] NAMES = {"UNSPEC", "HASH", "ARRAY", "PROG_ARRAY", "PERF_EVENT_ARRAY",
        "PERCPU_HASH", "PERCPU_ARRAY", "STACK_TRACE", "CGROUP_ARRAY", "LRU_HASH", "LRU_PERCPU_HASH",
        "LPM_TRIE", "ARRAY_OF_MAPS", "HASH_OF_MAPS", "DEVMAP", "SOCKMAP", "CPUMAP", "XSKMAP", "SOCKHASH",
        "CGROUP_STORAGE", "REUSEPORT_SOCKARRAY", "PERCPU_CGROUP_STORAGE", "QUEUE", "STACK", "SK_STORAGE",
        "DEVMAP_HASH", "STRUCT_OPS", "RINGBUF", "INODE_STORAGE", "TASK_STORAGE", "BLOOM_FILTER",
        "USER_RINGBUF", "CGRP_STORAGE", "ARENA"};

    private MapTypeNames() {
    }

    public static String name(int type) {
        return type >= 0 && type < NAMES.length ? "BPF_MAP_TYPE_" + NAMES[type] : "map type " + type;
    }
}
