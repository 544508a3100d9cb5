package org.wasmbpf.host.spi;

import static org.wasmbpf.host.spi.ModuleRejectedException.Reason.INVALID;
import static org.wasmbpf.host.spi.ModuleRejectedException.Reason.NOT_WASM;
import static org.wasmbpf.host.spi.ModuleRejectedException.Reason.TRUNCATED;

/**
 * The header and section-boundary checks every backend makes before its engine parses a module.
 * Engines' own messages for these cases ("section size mismatch", "length out of bounds") do not
 * tell a user what is wrong with the file, and a user should see the same line whichever engine
 * runs it.
 */
public final class ModuleFraming {
    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};
    private static final int HEADER_SIZE = 8;

    private ModuleFraming() {}

    /** @throws ModuleRejectedException naming what is wrong: not Wasm, truncated, bad version */
    public static void check(byte[] bytes) {
        checkHeader(bytes);
        checkSectionBounds(bytes);
    }

    private static void checkHeader(byte[] b) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (i >= b.length) {
                throw new ModuleRejectedException(b.length == 0 ? NOT_WASM : TRUNCATED, b.length == 0
                        ? "not a WebAssembly module: the file is empty"
                        : "truncated: " + b.length + " bytes, shorter than the 8-byte WebAssembly header");
            }
            if (b[i] != MAGIC[i]) {
                throw new ModuleRejectedException(NOT_WASM,
                        "not a WebAssembly module: it starts with " + hex(b, 4) + ", not 00 61 73 6d (\\0asm)"
                                + (b.length >= 4 && b[0] == 0x7f && b[1] == 'E' ? " (an ELF file)" : ""));
            }
        }
        if (b.length < HEADER_SIZE) {
            throw new ModuleRejectedException(TRUNCATED,
                    "truncated: " + b.length + " bytes, shorter than the 8-byte WebAssembly header");
        }
        int version = (b[4] & 0xff) | (b[5] & 0xff) << 8 | (b[6] & 0xff) << 16 | (b[7] & 0xff) << 24;
        if (version != 1) {
            throw new ModuleRejectedException(INVALID,
                    "unsupported WebAssembly binary version " + version + " (this host runs version 1)");
        }
    }

    private static void checkSectionBounds(byte[] b) {
        int pos = HEADER_SIZE;
        while (pos < b.length) {
            int start = pos;
            int id = b[pos++] & 0xff;
            long size = 0;
            int shift = 0;
            while (true) {
                if (pos >= b.length) {
                    throw truncated(b, start, id, -1);
                }
                int x = b[pos++] & 0xff;
                size |= (long) (x & 0x7f) << shift;
                shift += 7;
                if ((x & 0x80) == 0) {
                    break;
                }
                if (shift > 28) {
                    throw new ModuleRejectedException(INVALID,
                            "malformed WebAssembly module: bad size of section " + id + " at offset " + start);
                }
            }
            if (pos + size > b.length) {
                throw truncated(b, start, id, size);
            }
            pos += (int) size;
        }
    }

    private static ModuleRejectedException truncated(byte[] b, int offset, int id, long size) {
        return new ModuleRejectedException(TRUNCATED, "truncated: section " + id + " at offset " + offset
                + (size < 0 ? " has no complete size" : " needs " + size + " bytes")
                + " but the file ends at " + b.length);
    }

    private static String hex(byte[] b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(n, b.length); i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xff));
        }
        return s.toString();
    }
}
