package org.wasmbpf.host.spi;

import static org.wasmbpf.host.spi.ModuleRejectedException.Reason.INVALID;
import static org.wasmbpf.host.spi.ModuleRejectedException.Reason.NOT_WASM;
import static org.wasmbpf.host.spi.ModuleRejectedException.Reason.TRUNCATED;

import org.wasmbpf.host.wasm.WasmFormatException;
import org.wasmbpf.host.wasm.WasmSections;

/**
 * The header and section-boundary checks every backend makes before its engine parses a module.
 * Engines' own messages for these cases ("section size mismatch", "length out of bounds") do not
 * tell a user what is wrong with the file, and a user should see the same line whichever engine
 * runs it.
 */
public final class ModuleFraming {
    private ModuleFraming() {}

    /** @throws ModuleRejectedException naming what is wrong: not Wasm, truncated, bad version */
    public static void check(byte[] bytes) {
        checkHeader(bytes);
        try {
            for (WasmSections sections = WasmSections.of(bytes); sections.hasNext(); ) {
                sections.next();
            }
        } catch (WasmFormatException e) {
            throw e.truncated()
                    ? new ModuleRejectedException(TRUNCATED, "truncated: " + e.getMessage())
                    : new ModuleRejectedException(INVALID, "malformed WebAssembly module: " + e.getMessage());
        }
    }

    /** Says more than the shared reader's "bad magic or version": which of them, and what the file is instead. */
    private static void checkHeader(byte[] b) {
        if (b.length == 0) {
            throw new ModuleRejectedException(NOT_WASM, "not a WebAssembly module: the file is empty");
        }
        if (WasmSections.magicPrefix(b) < Math.min(WasmSections.MAGIC_SIZE, b.length)) {
            throw new ModuleRejectedException(NOT_WASM, "not a WebAssembly module: it starts with "
                    + hex(b, WasmSections.MAGIC_SIZE) + ", not 00 61 73 6d (\\0asm)"
                    + (b.length >= 4 && b[0] == 0x7f && b[1] == 'E' ? " (an ELF file)" : ""));
        }
        if (b.length < WasmSections.HEADER_SIZE) {
            throw new ModuleRejectedException(TRUNCATED,
                    "truncated: " + b.length + " bytes, shorter than the 8-byte WebAssembly header");
        }
        int version = WasmSections.version(b);
        if (version != WasmSections.VERSION) {
            throw new ModuleRejectedException(INVALID,
                    "unsupported WebAssembly binary version " + version + " (this host runs version 1)");
        }
    }

    private static String hex(byte[] b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(n, b.length); i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xff));
        }
        return s.toString();
    }
}
