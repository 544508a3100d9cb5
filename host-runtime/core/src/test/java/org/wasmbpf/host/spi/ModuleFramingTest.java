package org.wasmbpf.host.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.wasmbpf.host.spi.ModuleRejectedException.Reason.INVALID;
import static org.wasmbpf.host.spi.ModuleRejectedException.Reason.NOT_WASM;
import static org.wasmbpf.host.spi.ModuleRejectedException.Reason.TRUNCATED;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.wasmbpf.host.spi.ModuleRejectedException.Reason;

/** The exact lines users see for bad files: the CLI prints them and maps the reason to its exit code. */
class ModuleFramingTest {
    private static final byte[] HEADER = {0, 'a', 's', 'm', 1, 0, 0, 0};

    @Test
    void aWellFramedModulePasses() {
        ModuleFraming.check(HEADER);
        ModuleFraming.check(module(1, 4, 1, 0x60, 0, 0, 5, 3, 1, 0, 1));
        byte[] custom = new byte[8 + 3 + 128]; // a size in two LEB bytes
        System.arraycopy(HEADER, 0, custom, 0, 8);
        custom[9] = (byte) 0x80;
        custom[10] = 1;
        ModuleFraming.check(custom);
    }

    @Test
    void headerFaults() {
        assertRejected(NOT_WASM, "not a WebAssembly module: the file is empty", new byte[0]);
        assertRejected(TRUNCATED, "truncated: 1 bytes, shorter than the 8-byte WebAssembly header", new byte[] {0});
        assertRejected(TRUNCATED, "truncated: 3 bytes, shorter than the 8-byte WebAssembly header", new byte[] {0, 'a', 's'});
        assertRejected(NOT_WASM, "not a WebAssembly module: it starts with 00 61 78, not 00 61 73 6d (\\0asm)",
                new byte[] {0, 'a', 'x'});
        assertRejected(TRUNCATED, "truncated: 6 bytes, shorter than the 8-byte WebAssembly header",
                new byte[] {0, 'a', 's', 'm', 1, 0});
        assertRejected(NOT_WASM, "not a WebAssembly module: it starts with 7f 45 4c 46, not 00 61 73 6d (\\0asm) (an ELF file)",
                new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        assertRejected(NOT_WASM, "not a WebAssembly module: it starts with 23 21, not 00 61 73 6d (\\0asm)",
                new byte[] {'#', '!'});
        assertRejected(INVALID, "unsupported WebAssembly binary version 2 (this host runs version 1)",
                new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0});
    }

    @Test
    void aSectionWithoutACompleteSizeIsTruncated() {
        assertRejected(TRUNCATED, "truncated: section 1 at offset 8 has no complete size but the file ends at 9", module(1));
        assertRejected(TRUNCATED, "truncated: section 7 at offset 10 has no complete size but the file ends at 13",
                module(0, 0, 7, 0x80, 0x80));
    }

    @Test
    void aSectionLongerThanTheFileIsTruncated() {
        assertRejected(TRUNCATED, "truncated: section 1 at offset 8 needs 10 bytes but the file ends at 12",
                module(1, 10, 0, 0));
        assertRejected(TRUNCATED, "truncated: section 10 at offset 8 needs 34359738367 bytes but the file ends at 14",
                module(10, 0xff, 0xff, 0xff, 0xff, 0x7f));
    }

    @Test
    void aSizeOfMoreThanFiveBytesIsMalformed() {
        assertRejected(INVALID, "malformed WebAssembly module: bad size of section 1 at offset 8",
                module(1, 0x80, 0x80, 0x80, 0x80, 0x80, 0));
        assertRejected(INVALID, "malformed WebAssembly module: bad size of section 3 at offset 10",
                module(0, 0, 3, 0x80, 0x80, 0x80, 0x80, 0x80));
    }

    private static void assertRejected(Reason reason, String message, byte[] bytes) {
        ModuleRejectedException e = assertThrows(ModuleRejectedException.class, () -> ModuleFraming.check(bytes));
        assertEquals(message, e.getMessage());
        assertEquals(reason, e.reason());
    }

    private static byte[] module(int... sections) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HEADER);
        for (int b : sections) {
            out.write(b);
        }
        return out.toByteArray();
    }
}
