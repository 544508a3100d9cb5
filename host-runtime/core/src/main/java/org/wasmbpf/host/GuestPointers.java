package org.wasmbpf.host;

import java.nio.charset.StandardCharsets;
import org.wasmbpf.host.libbpf.Errno;
import org.wasmbpf.host.spi.GuestMemory;

/**
 * The one place that validates guest pointers. A pointer and a length are unsigned 32-bit
 * values; a range is valid when it lies within the memory's current size (re-read on every
 * call, since memory grows). Failures are {@link InvalidPointerException}s carrying the errno
 * an import returns: EFAULT for a range outside memory, EINVAL for a malformed value (a string
 * without its NUL within the allowed length, a length Java cannot buffer).
 */
public final class GuestPointers {
    /** Longest C string (name, path) an import reads, terminator excluded. */
    public static final int MAX_CSTRING = 4096;

    private static final int STRING_CHUNK = 64;

    private GuestPointers() {}

    /** A bad guest pointer or length. */
    public static final class InvalidPointerException extends RuntimeException {
        private final int errno;

        public InvalidPointerException(int errno, String message) {
            super(message);
            this.errno = errno;
        }

        /** Positive errno: {@link Errno#EFAULT} or {@link Errno#EINVAL}. */
        public int errno() {
            return errno;
        }
    }

    /**
     * Checks that {@code [ptr, ptr+len)} lies inside memory.
     *
     * @return the memory's size as read for the check ({@link GuestMemory#sizeCovering}: on
     *     Wasmtime, the last one read while it covers the range), for a caller that wants it too
     */
    public static long checkRange(GuestMemory memory, int ptr, int len) {
        long start = Integer.toUnsignedLong(ptr);
        long end = start + Integer.toUnsignedLong(len);
        long size = memory.sizeCovering(end);
        if (end > size) {
            throw new InvalidPointerException(Errno.EFAULT, "guest range [" + start + ", " + end
                    + ") is outside memory of " + size + " bytes");
        }
        return size;
    }

    /** Copies {@code len} bytes out of guest memory. */
    public static byte[] read(GuestMemory memory, int ptr, int len) {
        checkRange(memory, ptr, len);
        checkBufferable(len);
        byte[] out = new byte[len];
        if (len > 0) {
            memory.read(ptr, out, 0, len);
        }
        return out;
    }

    /** Copies {@code src[off, off+len)} into guest memory at {@code ptr}. */
    public static void write(GuestMemory memory, int ptr, byte[] src, int off, int len) {
        checkRange(memory, ptr, len);
        checkBufferable(len);
        if (len > 0) {
            memory.write(ptr, src, off, len);
        }
    }

    public static void write(GuestMemory memory, int ptr, byte[] src) {
        write(memory, ptr, src, 0, src.length);
    }

    /**
     * Reads the NUL-terminated UTF-8 string at {@code ptr}, at most {@code maxLen} bytes before
     * the NUL. EFAULT when memory ends first, EINVAL when no NUL comes within {@code maxLen}.
     */
    public static String readCString(GuestMemory memory, int ptr, int maxLen) {
        long start = Integer.toUnsignedLong(ptr);
        long size = memory.size();
        byte[] chunk = new byte[STRING_CHUNK];
        byte[] acc = new byte[Math.min(maxLen + 1, STRING_CHUNK * 4)];
        int length = 0;
        while (true) {
            long at = start + length;
            if (at >= size) {
                throw new InvalidPointerException(Errno.EFAULT, "guest string at " + start
                        + " runs past the end of memory (" + size + " bytes)");
            }
            int n = (int) Math.min(Math.min(STRING_CHUNK, size - at), (long) maxLen + 1 - length);
            memory.read((int) at, chunk, 0, n);
            for (int i = 0; i < n; i++) {
                if (chunk[i] == 0) {
                    acc = ensure(acc, length + i);
                    System.arraycopy(chunk, 0, acc, length, i);
                    return new String(acc, 0, length + i, StandardCharsets.UTF_8);
                }
            }
            acc = ensure(acc, length + n);
            System.arraycopy(chunk, 0, acc, length, n);
            length += n;
            if (length > maxLen) {
                throw new InvalidPointerException(Errno.EINVAL, "guest string at " + start
                        + " has no NUL within " + maxLen + " bytes");
            }
        }
    }

    public static String readCString(GuestMemory memory, int ptr) {
        return readCString(memory, ptr, MAX_CSTRING);
    }

    /** Like {@link #readCString(GuestMemory, int)}, but pointer 0 means "no string": null. */
    public static String readOptionalCString(GuestMemory memory, int ptr) {
        return ptr == 0 ? null : readCString(memory, ptr, MAX_CSTRING);
    }

    private static void checkBufferable(int len) {
        if (len < 0) {
            throw new InvalidPointerException(Errno.EINVAL, "guest length " + Integer.toUnsignedString(len)
                    + " is too large");
        }
    }

    private static byte[] ensure(byte[] buf, int needed) {
        if (needed <= buf.length) {
            return buf;
        }
        byte[] bigger = new byte[Math.max(needed, buf.length * 2)];
        System.arraycopy(buf, 0, bigger, 0, buf.length);
        return bigger;
    }
}
