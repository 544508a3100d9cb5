package org.wasmbpf.host.libbpf;

/**
 * The raw bpf() map commands on a map fd. Each returns 0 or a negative errno. Arrays must be
 * sized for the map: keys {@code keySize}, values {@link BpfMapInfo#valueBufferSize()}; a
 * null key means "no key" (first key for {@link #getNextKey}, keyless maps such as queues).
 */
public final class BpfMaps {
    public static final long BPF_ANY = 0;
    public static final long BPF_NOEXIST = 1;
    public static final long BPF_EXIST = 2;

    private BpfMaps() {}

    public static int lookup(int fd, byte[] key, byte[] value) {
        return Native.calls().bpfMapLookupElem(fd, key, value);
    }

    public static int update(int fd, byte[] key, byte[] value, long flags) {
        return Native.calls().bpfMapUpdateElem(fd, key, value, flags);
    }

    public static int delete(int fd, byte[] key) {
        return Native.calls().bpfMapDeleteElem(fd, key);
    }

    public static int getNextKey(int fd, byte[] key, byte[] nextKey) {
        return Native.calls().bpfMapGetNextKey(fd, key, nextKey);
    }
}
