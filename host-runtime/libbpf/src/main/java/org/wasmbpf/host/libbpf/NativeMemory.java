package org.wasmbpf.host.libbpf;

import static org.wasmbpf.host.libbpf.CFunction.CALLOC;
import static org.wasmbpf.host.libbpf.CFunction.FREE;
import static org.wasmbpf.host.libbpf.CFunction.STRLEN;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Native memory through libc's calloc and free, and the values and C strings in it, the same way
 * for both bindings. Values move as byte copies: java.lang.foreign's typed accessors and
 * allocateFrom/getString build VarHandles on first use, milliseconds of a cold start ({@code FfmValues}).
 * A free can overwrite the errno a binding captured, so callers read errno before they free.
 */
final class NativeMemory {
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private NativeMemory() {}

    /** {@code size} zeroed bytes, to be given to {@link #free}. */
    static long allocate(NativeBinding c, long size) {
        long address = c.call(CALLOC, Math.max(1, size), 1);
        if (address == 0) {
            throw new OutOfMemoryError("cannot allocate " + size + " bytes of native memory");
        }
        return address;
    }

    static void free(NativeBinding c, long address) {
        if (address != 0) {
            c.call(FREE, address);
        }
    }

    /** A NUL-terminated UTF-8 copy of {@code s}, to be given to {@link #free}. */
    static long cString(NativeBinding c, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        long address = allocate(c, utf8.length + 1L); // zeroed: the NUL is there
        c.copyIn(utf8, address);
        return address;
    }

    /** The C string at {@code address}, or null for NULL. */
    static String string(NativeBinding c, long address) {
        return address == 0 ? null : string(c, address, (int) c.call(STRLEN, address));
    }

    static String string(NativeBinding c, long address, int length) {
        byte[] bytes = new byte[length];
        c.copyOut(address, bytes, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static long getLong(NativeBinding c, long address) {
        byte[] bytes = new byte[Long.BYTES];
        c.copyOut(address, bytes, Long.BYTES);
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value |= (bytes[i] & 0xFFL) << 8 * (LITTLE_ENDIAN ? i : Long.BYTES - 1 - i);
        }
        return value;
    }

    static void putLong(byte[] bytes, int at, long value) {
        for (int i = 0; i < Long.BYTES; i++) {
            bytes[at + i] = (byte) (value >>> 8 * (LITTLE_ENDIAN ? i : Long.BYTES - 1 - i));
        }
    }
}
