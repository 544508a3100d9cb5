package org.wasmbpf.bpf.object;

/**
 * A map the skeleton exposes. Numbers are 0 when the definition leaves them to libbpf.
 * {@code fieldName} is the C identifier in {@code skel->maps}; {@code name} is what the host
 * looks the map up by (the variable name, or the section name ".rodata" for the internal map).
 */
public record MapInfo(String name, String fieldName, int type, long maxEntries, long keySize, long valueSize,
                      boolean internal) {
    public static final int BPF_MAP_TYPE_ARRAY = 2;
}
