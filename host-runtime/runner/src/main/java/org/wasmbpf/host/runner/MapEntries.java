package org.wasmbpf.host.runner;

import java.util.ArrayList;
import java.util.List;
import org.wasmbpf.host.libbpf.BpfMaps;

/** A hash map's entries, read whole and, for an interval's worth as libbpf-tools print them, cleared. */
final class MapEntries {
    record Entry(byte[] key, byte[] value) {}

    private MapEntries() {}

    /**
     * Every entry now in the map, each then deleted if {@code clear}. All keys are read before any
     * is deleted: a get_next_key from a deleted key restarts at the first, showing entries twice.
     */
    static List<Entry> read(int fd, int keySize, int valueSize, boolean clear) {
        List<byte[]> keys = new ArrayList<>();
        byte[] key = null;
        while (true) {
            byte[] next = new byte[keySize];
            if (BpfMaps.getNextKey(fd, key, next) != 0) {
                break;
            }
            keys.add(next);
            key = next;
        }
        List<Entry> entries = new ArrayList<>(keys.size());
        for (byte[] k : keys) {
            byte[] value = new byte[valueSize];
            if (BpfMaps.lookup(fd, k, value) == 0) {
                entries.add(new Entry(k, value));
            }
            if (clear) {
                BpfMaps.delete(fd, k);
            }
        }
        return entries;
    }
}
