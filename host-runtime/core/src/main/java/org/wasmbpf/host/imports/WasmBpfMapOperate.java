package org.wasmbpf.host.imports;

import static org.wasmbpf.host.spi.ValType.I32;
import static org.wasmbpf.host.spi.ValType.I64;

import java.util.List;
import org.wasmbpf.host.GuestPointers;
import org.wasmbpf.host.bpf.GuestBpfObjects;
import org.wasmbpf.host.libbpf.BpfException;
import org.wasmbpf.host.libbpf.BpfMapInfo;
import org.wasmbpf.host.libbpf.BpfMaps;
import org.wasmbpf.host.libbpf.Errno;
import org.wasmbpf.host.spi.GuestMemory;
import org.wasmbpf.host.spi.HostFunction;

/**
 * {@code wasm_bpf_map_operate(fd i32, cmd i32, key i32, value i32, next_key i32, flags i64) -> i32}:
 * one bpf() map command (1 lookup, 2 update, 3 delete, 4 get-next-key) on a map of this guest.
 * Sizes are the map's own (a per-CPU value is one 8-byte-aligned value per possible CPU). Guest
 * buffers are copied to the host, and results back, so the kernel never sees guest addresses.
 * A key pointer of 0 for get-next-key means NULL: the first key. The command's own result is
 * libbpf's (0 or -errno), passed on as it is.
 */
public final class WasmBpfMapOperate {
    public static final String NAME = "wasm_bpf_map_operate";
    public static final int LOOKUP = 1;
    public static final int UPDATE = 2;
    public static final int DELETE = 3;
    public static final int GET_NEXT_KEY = 4;

    private final GuestBpfObjects state;

    public WasmBpfMapOperate(GuestBpfObjects state) {
        this.state = state;
    }

    public HostFunction function() {
        return new HostFunction(WasmBpfImports.MODULE, NAME, List.of(I32, I32, I32, I32, I32, I64), List.of(I32),
                (guest, args) -> ImportResults.guestResult(call(guest.memory(), (int) args[0], (int) args[1],
                        (int) args[2], (int) args[3], (int) args[4], args[5])));
    }

    int call(GuestMemory memory, int fd, int cmd, int key, int value, int nextKey, long flags) {
        if (cmd < LOOKUP || cmd > GET_NEXT_KEY) {
            return -Errno.EINVAL;
        }
        try {
            return state.withMap(fd, map -> operate(memory, map, cmd, key, value, nextKey, flags));
        } catch (GuestPointers.InvalidPointerException e) {
            return -e.errno();
        } catch (BpfException e) {
            return -e.errno();
        }
    }

    private static int operate(GuestMemory memory, BpfMapInfo map, int cmd, int key, int value, int nextKey, long flags) {
        int fd = map.fd();
        int keySize = map.keySize();
        int valueSize = map.valueBufferSize();
        switch (cmd) {
            case LOOKUP -> {
                byte[] k = readKey(memory, key, keySize);
                GuestPointers.checkRange(memory, value, valueSize);
                byte[] v = new byte[valueSize];
                int r = BpfMaps.lookup(fd, k, v);
                if (r == 0) {
                    GuestPointers.write(memory, value, v);
                }
                return r;
            }
            case UPDATE -> {
                byte[] k = readKey(memory, key, keySize);
                return BpfMaps.update(fd, k, GuestPointers.read(memory, value, valueSize), flags);
            }
            case DELETE -> {
                return BpfMaps.delete(fd, readKey(memory, key, keySize));
            }
            default -> {
                byte[] k = key == 0 ? null : readKey(memory, key, keySize);
                GuestPointers.checkRange(memory, nextKey, keySize);
                byte[] next = new byte[keySize];
                int r = BpfMaps.getNextKey(fd, k, next);
                if (r == 0) {
                    GuestPointers.write(memory, nextKey, next);
                }
                return r;
            }
        }
    }

    /** Keyless maps (queue, stack) take a NULL key. */
    private static byte[] readKey(GuestMemory memory, int key, int keySize) {
        return keySize == 0 ? null : GuestPointers.read(memory, key, keySize);
    }
}
