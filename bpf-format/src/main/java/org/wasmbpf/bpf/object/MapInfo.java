package org.wasmbpf.bpf.object;

/**
 * A map the skeleton exposes. Numbers are 0 when the definition leaves them to libbpf.
 * {@code fieldName} is the C identifier in {@code skel->maps}; {@code name} is what the host
 * looks the map up by (the variable name, or the section name ".rodata" for the internal map).
 * {@code keyType} and {@code valueType} are the BTF type ids of {@code __type(key, T)} and
 * {@code __type(value, T)}, 0 when the definition gives only sizes or nothing.
 */
public record MapInfo(String name, String fieldName, int type, long maxEntries, long keySize, long valueSize,
                      boolean internal, int keyType, int valueType) {
    public static final int BPF_MAP_TYPE_ARRAY = 2;
}
