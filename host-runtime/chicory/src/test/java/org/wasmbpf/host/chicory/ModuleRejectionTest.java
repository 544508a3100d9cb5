package org.wasmbpf.host.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wasmbpf.host.spi.GuestConfig;
import org.wasmbpf.host.spi.HostFunction;
import org.wasmbpf.host.spi.ModuleRejectedException;
import org.wasmbpf.host.spi.ModuleRejectedException.Reason;
import org.wasmbpf.host.spi.ValType;

/** Modules the backend refuses before running anything, each with its reason and a clear message. */
class ModuleRejectionTest {
    private static final byte[] HEADER_ONLY = {0, 'a', 's', 'm', 1, 0, 0, 0};

    private static ModuleRejectedException reject(byte[] module) {
        GuestConfig config = new GuestConfig(List.of("x.wasm"), Map.of(), null, new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
        return assertThrows(ModuleRejectedException.class,
                () -> new ChicoryBackend().instantiate(module, config, List.of()));
    }

    @Test
    void emptyAndForeignBytesAreNotWasm() {
        ModuleRejectedException empty = reject(new byte[0]);
        assertEquals(Reason.NOT_WASM, empty.reason());
        assertEquals("not a WebAssembly module: the file is empty", empty.getMessage());

        ModuleRejectedException elf = reject(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        assertEquals(Reason.NOT_WASM, elf.reason());
        assertTrue(elf.getMessage().startsWith("not a WebAssembly module: it starts with 7f 45 4c 46"), elf.getMessage());

        ModuleRejectedException text = reject("#!/bin/sh\necho hi\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Reason.NOT_WASM, text.reason());
    }

    @Test
    void aModuleCutShortIsTruncated() {
        byte[] module = TestGuests.bytes("exit_code");
        for (int length : new int[] {3, 6, 20, module.length / 2, module.length - 1}) {
            ModuleRejectedException e = reject(Arrays.copyOf(module, length));
            assertEquals(Reason.TRUNCATED, e.reason(), length + " bytes: " + e.getMessage());
            assertTrue(e.getMessage().startsWith("truncated: "), e.getMessage());
        }
    }

    @Test
    void anotherBinaryVersionIsInvalid() {
        ModuleRejectedException e = reject(new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0});
        assertEquals(Reason.INVALID, e.reason());
        assertEquals("unsupported WebAssembly binary version 2 (this host runs version 1)", e.getMessage());
    }

    @Test
    void everyUnknownImportIsListed() {
        ModuleRejectedException e = reject(TestGuests.bytes("unknown_import"));
        assertEquals(Reason.UNKNOWN_IMPORTS, e.reason());
        assertEquals("imports that this host does not provide: env.mystery, wasm_bpf.wasm_no_such_thing",
                e.getMessage());
    }

    @Test
    void anImportOfTheWrongTypeIsNamed() {
        GuestConfig config = new GuestConfig(List.of("x.wasm"), Map.of(), null, new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
        HostFunction wrong = new HostFunction("test", "call_back", List.of(ValType.I64), List.of(ValType.I32),
                (g, a) -> new long[] {0});
        ModuleRejectedException e = assertThrows(ModuleRejectedException.class,
                () -> new ChicoryBackend().instantiate(TestGuests.bytes("callback"), config, List.of(wrong)));
        assertEquals(Reason.UNKNOWN_IMPORTS, e.reason());
        assertTrue(e.getMessage().contains("test.call_back with type"), e.getMessage());
    }

    @Test
    void aModuleWithoutStartOrMemoryIsNotACommand() {
        ModuleRejectedException e = reject(HEADER_ONLY);
        assertEquals(Reason.MISSING_EXPORTS, e.reason());
        assertEquals("not a WASI command: it does not export function _start or memory memory", e.getMessage());
    }
}
