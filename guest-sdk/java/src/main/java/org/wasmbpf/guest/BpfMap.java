package org.wasmbpf.guest;

import org.teavm.interop.Address;

/**
 * A map of a loaded {@link BpfObject}. Keys and values are byte arrays of the map's own sizes
 * (read them with a {@link StructView} on the array); the raw {@code *At} methods take addresses in
 * module memory for callers that manage their own, e.g. a key inside a sample during a callback.
 */
public final class BpfMap {
    /** Update flags: create or replace, create only, replace only. */
    public static final long ANY = 0;
    public static final long NOEXIST = 1;
    public static final long EXIST = 2;

    private static final Address NULL = Address.fromInt(0);

    private final BpfObject owner;
    private final String name;
    private final int fd;
    private final int keySize;
    private final int valueSize;

    BpfMap(BpfObject owner, String name, int fd, int keySize, int valueSize) {
        this.owner = owner;
        this.name = name;
        this.fd = fd;
        this.keySize = keySize;
        this.valueSize = valueSize;
    }

    public BpfObject owner() {
        return owner;
    }

    public String name() {
        return name;
    }

    public int fd() {
        return fd;
    }

    public int keySize() {
        return keySize;
    }

    public int valueSize() {
        return valueSize;
    }

    /** Copies the value for {@code key} into {@code value}; false when there is no such element. */
    public boolean lookup(byte[] key, byte[] value) {
        check(key, keySize, "key");
        check(value, valueSize, "value");
        return found(WasmBpf.mapOperate(fd, WasmBpf.MAP_LOOKUP_ELEM, Address.ofData(key), Address.ofData(value),
                NULL, 0), "looking up");
    }

    /** Creates or replaces the element ({@link #ANY}), or only one of the two. */
    public void update(byte[] key, byte[] value, long flags) {
        check(key, keySize, "key");
        check(value, valueSize, "value");
        BpfException.check(WasmBpf.mapOperate(fd, WasmBpf.MAP_UPDATE_ELEM, Address.ofData(key), Address.ofData(value),
                NULL, flags), "updating an element of map " + name);
    }

    /** Deletes the element; false when there was none. */
    public boolean delete(byte[] key) {
        check(key, keySize, "key");
        return found(WasmBpf.mapOperate(fd, WasmBpf.MAP_DELETE_ELEM, Address.ofData(key), NULL, NULL, 0), "deleting");
    }

    /**
     * Writes the key after {@code key} into {@code next}; the first key when {@code key} is null or
     * not in the map. False when there is no next key: iteration is over.
     */
    public boolean nextKey(byte[] key, byte[] next) {
        if (key != null) {
            check(key, keySize, "key");
        }
        check(next, keySize, "next key");
        return found(WasmBpf.mapOperate(fd, WasmBpf.MAP_GET_NEXT_KEY, key == null ? NULL : Address.ofData(key),
                NULL, Address.ofData(next), 0), "iterating");
    }

    /** {@link #lookup} with a 32-bit key (array indexes, pids...). */
    public boolean lookup(int key, byte[] value) {
        return lookup(intKey(key), value);
    }

    /** {@link #update} with a 32-bit key. */
    public void update(int key, byte[] value, long flags) {
        update(intKey(key), value, flags);
    }

    /** {@link #delete} with a 32-bit key. */
    public boolean delete(int key) {
        return delete(intKey(key));
    }

    /** One raw operation on memory the caller keeps in place: 0 or a negative errno. */
    public int operateAt(int cmd, Address key, Address value, Address nextKey, long flags) {
        return WasmBpf.mapOperate(fd, cmd, key, value, nextKey, flags);
    }

    private byte[] intKey(int key) {
        if (keySize != 4) {
            throw new IllegalArgumentException("map " + name + " has " + keySize + "-byte keys, not 4");
        }
        byte[] k = new byte[4];
        k[0] = (byte) key;
        k[1] = (byte) (key >> 8);
        k[2] = (byte) (key >> 16);
        k[3] = (byte) (key >> 24);
        return k;
    }

    private void check(byte[] bytes, int size, String what) {
        if (bytes.length < size) {
            throw new IllegalArgumentException("map " + name + ": " + what + " has " + bytes.length
                    + " bytes, the map's are " + size);
        }
    }

    private boolean found(int result, String operation) {
        if (result == -Errno.ENOENT) {
            return false;
        }
        BpfException.check(result, operation + " map " + name);
        return true;
    }
}
