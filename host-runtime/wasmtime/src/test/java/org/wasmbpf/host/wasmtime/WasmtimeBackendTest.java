package org.wasmbpf.host.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wasmbpf.host.GuestPointers;
import org.wasmbpf.host.spi.GuestConfig;
import org.wasmbpf.host.spi.GuestMemory;
import org.wasmbpf.host.spi.GuestTrapException;
import org.wasmbpf.host.spi.ModuleRejectedException;
import org.wasmbpf.host.testing.TestGuests;
import org.wasmbpf.host.wasmtime.testing.GuestRun;

class WasmtimeBackendTest {

    @Test
    void argsReachTheGuestWithTheModuleNameFirst() {
        try (GuestRun run = new GuestRun(TestGuests.args("args", "two words", "ünï"))) {
            assertEquals(0, run.run());
            assertEquals("arg 0: testguest.wasm\narg 1: args\narg 2: two words\narg 3: ünï\n", run.out());
        }
    }

    @Test
    void environmentIsEmptyUnlessGiven() {
        try (GuestRun run = new GuestRun(TestGuests.args("env"))) {
            run.run();
            assertEquals("env: (unset)\n", run.out());
        }
        try (GuestRun run = new GuestRun(TestGuests.args("env"), Map.of("WASMBPF_TEST", "yes"))) {
            run.run();
            assertEquals("env: yes\n", run.out());
        }
    }

    @Test
    void stdoutIsStreamedLineByLineWhileTheGuestRuns() throws Exception {
        long[] firstLineAt = {0};
        long start = System.nanoTime();
        OutputStream watcher = new ByteArrayOutputStream() {
            @Override
            public synchronized void flush() {
                if (firstLineAt[0] == 0 && toString().contains("first\n")) {
                    firstLineAt[0] = System.nanoTime();
                }
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        GuestConfig config = new GuestConfig(TestGuests.args("lines"), Map.of(), null, watcher, err);
        try (var guest = new WasmtimeBackend().instantiate(TestGuests.build("testguest"), config,
                List.of(GuestRun.deliverImport(() -> (g, f, c, d, m) -> 0)))) {
            assertEquals(0, guest.runStart());
            long end = System.nanoTime();
            assertTrue(firstLineAt[0] != 0, "the first line was flushed on its own");
            assertTrue(end - firstLineAt[0] >= 300_000_000L,
                    "the first line arrived " + (end - firstLineAt[0]) / 1_000_000 + " ms before the end, not ~400");
            assertEquals("first\nsecond\nno newline", watcher.toString());
            assertEquals("to stderr\n", err.toString());
        }
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }

    @Test
    void sleepWaitsAboutAsLongAsAsked() {
        try (GuestRun run = new GuestRun(TestGuests.args("sleep", "300"))) {
            long start = System.nanoTime();
            assertEquals(0, run.run());
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 300 && ms < 3000, "slept " + ms + " ms");
            assertEquals("woke\n", run.out());
        }
    }

    @Test
    void exitCodeComesFromProcExitOrMainsReturn() {
        try (GuestRun run = new GuestRun(TestGuests.args("exit", "7"))) {
            assertEquals(7, run.run());
        }
        try (GuestRun run = new GuestRun(TestGuests.args("return", "3"))) {
            assertEquals(3, run.run());
        }
        try (GuestRun run = new GuestRun(TestGuests.args("return", "0"))) {
            assertEquals(0, run.run());
        }
    }

    @Test
    void trapNamesTheTrapAndTheCalledExportNotTheInnerFunctionSinceWasmtimeJavaDropsTheBacktrace() {
        try (GuestRun run = new GuestRun(TestGuests.args("trap"))) {
            GuestTrapException e = assertThrows(GuestTrapException.class, run::run);
            assertEquals("unreachable during _start", e.getMessage());
        }
    }

    @Test
    void tableCallbackRunsThroughTheTrampoline() {
        try (GuestRun run = new GuestRun(TestGuests.args())) {
            var g = run.guest;
            int index = (int) g.callExport("sample_callback_index")[0];
            int ctx = (int) g.callExport("sample_ctx")[0];
            int data = (int) g.callExport("guest_alloc", 16)[0];
            g.callExport("reset_samples", 9);
            g.memory().writeI32(data, 1);
            assertEquals(0, g.callSampleCallback(index, ctx, data, 4));
            g.memory().writeI32(data, 9);
            assertEquals(42, g.callSampleCallback(index, ctx, data, 4), "the callback's stop result comes back");
            assertEquals(2, (int) g.callExport("sample_count")[0]);
            assertEquals(-1000, g.callSampleCallback(index, data, data, 4), "ctx reaches the callback");
        }
    }

    @Test
    void aRangeInMemoryGrownSinceTheLastSizeReadIsInsideAndOnePastItIsNot() {
        try (GuestRun run = new GuestRun(TestGuests.args())) {
            GuestMemory memory = run.guest.memory();
            long before = GuestPointers.checkRange(memory, 0, 16);
            int grown = (int) run.guest.callExport("guest_alloc", 4 << 20)[0];
            assertTrue(Integer.toUnsignedLong(grown) + (4 << 20) > before, "the allocation grew memory");
            long after = GuestPointers.checkRange(memory, grown, 4 << 20);
            assertTrue(after > before, "the range past the size read first was checked against the new size");
            assertThrows(GuestPointers.InvalidPointerException.class, () -> GuestPointers.checkRange(memory, (int) after, 1));
        }
    }

    @Test
    void badIndexInTheTableIsATrap() {
        try (GuestRun run = new GuestRun(TestGuests.args())) {
            GuestTrapException e = assertThrows(GuestTrapException.class,
                    () -> run.guest.callSampleCallback(100_000, 0, 0, 0));
            assertEquals("undefined element (table index out of bounds) during "
                    + org.wasmbpf.host.wasmtime.rewrite.WasmBinaryRewriter.CALL_SAMPLE, e.getMessage());
        }
    }

    @Test
    void unknownImportsAreListed() {
        GuestConfig config = new GuestConfig(TestGuests.args(), Map.of(), null, OutputStream.nullOutputStream(),
                OutputStream.nullOutputStream());
        ModuleRejectedException e = assertThrows(ModuleRejectedException.class,
                () -> new WasmtimeBackend().instantiate(TestGuests.build("testguest"), config, List.of()));
        assertEquals("imports that this host does not provide: test.deliver", e.getMessage());
        assertEquals(ModuleRejectedException.Reason.UNKNOWN_IMPORTS, e.reason());
    }

    @Test
    void notWasmAndNotACommandAreRejected() {
        GuestConfig config = new GuestConfig(TestGuests.args(), Map.of(), null, OutputStream.nullOutputStream(),
                OutputStream.nullOutputStream());
        ModuleRejectedException bad = assertThrows(ModuleRejectedException.class,
                () -> new WasmtimeBackend().instantiate("hello".getBytes(), config, List.of()));
        assertEquals("not a WebAssembly module: it starts with 68 65 6c 6c, not 00 61 73 6d (\\0asm)", bad.getMessage());
        assertEquals(ModuleRejectedException.Reason.NOT_WASM, bad.reason());
        byte[] module = TestGuests.build("testguest");
        ModuleRejectedException cut = assertThrows(ModuleRejectedException.class, () -> new WasmtimeBackend()
                .instantiate(java.util.Arrays.copyOf(module, module.length - 10), config, List.of()));
        assertEquals(ModuleRejectedException.Reason.TRUNCATED, cut.reason());
        ModuleRejectedException empty = assertThrows(ModuleRejectedException.class,
                () -> new WasmtimeBackend().instantiate(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, config, List.of()));
        assertEquals("not a WASI command: it does not export function _start or memory memory", empty.getMessage());
        assertEquals(ModuleRejectedException.Reason.MISSING_EXPORTS, empty.reason());
    }

    @Test
    void exportsAreKnown() {
        try (GuestRun run = new GuestRun(TestGuests.args())) {
            assertTrue(run.guest.hasExport("_start"));
            assertTrue(run.guest.hasExport("sample_count"));
            assertFalse(run.guest.hasExport("memory"), "memory is not a function");
            assertTrue(run.guest.hasExport("go-callback"));
            assertFalse(run.guest.hasExport("no_such_function"));
        }
    }
}
