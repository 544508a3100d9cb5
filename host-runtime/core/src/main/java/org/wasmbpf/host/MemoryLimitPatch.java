package org.wasmbpf.host;

import java.io.ByteArrayOutputStream;
import org.wasmbpf.host.spi.ModuleRejectedException;

/**
 * Caps the maximum of the memory a module defines, so that every engine refuses
 * {@code memory.grow} past the limit (it returns -1; malloc returns NULL) by the module's own
 * rules. Done on the bytes, before the engine sees them, because not every engine has a memory
 * limiter (wasmtime-java has none). Only the memory section changes; a module this reader does
 * not understand is passed on untouched for the engine to judge and reject.
 */
final class MemoryLimitPatch {
    private static final int MEMORY_SECTION = 5;
    private static final int HEADER = 8;

    private MemoryLimitPatch() {}

    /**
     * @return the module with every defined memory's maximum at most {@code maxPages}
     * @throws ModuleRejectedException when a memory starts with more pages than that
     */
    static byte[] apply(byte[] module, int maxPages) {
        try {
            return patch(module, maxPages);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            return module; // malformed: the engine names the fault
        }
    }

    private static byte[] patch(byte[] m, int maxPages) {
        if (m.length < HEADER || m[0] != 0 || m[1] != 'a' || m[2] != 's' || m[3] != 'm') {
            return m;
        }
        int[] at = {HEADER};
        while (at[0] < m.length) {
            int sectionStart = at[0];
            int id = m[at[0]++] & 0xff;
            long size = uleb(m, at);
            int contentStart = at[0];
            long end = contentStart + size;
            if (end > m.length) {
                return m;
            }
            if (id == MEMORY_SECTION) {
                byte[] content = memorySection(m, contentStart, (int) end, maxPages);
                if (content == null) {
                    return m;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream(m.length + 8);
                out.write(m, 0, sectionStart);
                out.write(MEMORY_SECTION);
                writeUleb(out, content.length);
                out.write(content, 0, content.length);
                out.write(m, (int) end, m.length - (int) end);
                return out.toByteArray();
            }
            at[0] = (int) end;
        }
        return m;
    }

    /** The re-encoded section content, or null when a memory is of a kind left alone. */
    private static byte[] memorySection(byte[] m, int start, int end, int maxPages) {
        int[] at = {start};
        long count = uleb(m, at);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeUleb(out, count);
        for (long i = 0; i < count; i++) {
            int flags = m[at[0]++] & 0xff;
            if (flags > 1) {
                return null; // shared or 64-bit memory: not a wasm32 WASI command's
            }
            long min = uleb(m, at);
            long max = flags == 1 ? uleb(m, at) : GuestLimits.WASM32_MAX_PAGES;
            if (min > maxPages) {
                throw new ModuleRejectedException("its memory starts at " + min + " pages of 64 KiB, more than the"
                        + " limit of " + maxPages + " pages");
            }
            out.write(1);
            writeUleb(out, min);
            writeUleb(out, Math.min(max, maxPages));
        }
        if (at[0] != end) {
            return null;
        }
        return out.toByteArray();
    }

    private static long uleb(byte[] m, int[] at) {
        long result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = m[at[0]++] & 0xff;
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("LEB128 too long");
    }

    private static void writeUleb(ByteArrayOutputStream out, long value) {
        do {
            int b = (int) (value & 0x7f);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }
}
