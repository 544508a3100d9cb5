package org.wasmbpf.host.wasmtime.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.host.testing.TestGuests;
import org.wasmbpf.host.wasm.Section;
import org.wasmbpf.host.wasm.WasmFormatException;

class WasmBinaryRewriterTest {
    private static final Set<Integer> CHANGED = Set.of(Section.TYPE, Section.FUNCTION, Section.EXPORT, Section.CODE);

    @TempDir
    Path dir;

    @Test
    void rewrittenClangModuleValidatesAndKeepsNames() throws Exception {
        byte[] original = TestGuests.build("testguest");
        byte[] before = original.clone();
        byte[] rewritten = WasmBinaryRewriter.addTrampolines(WasmModuleInfo.read(original));
        assertArrayEquals(before, original, "the input must not be modified");

        Path file = dir.resolve("rewritten.wasm");
        Files.write(file, rewritten);
        TestGuests.run("wasm-validate", file.toString());
        String dump = TestGuests.run("wasm-objdump", "-x", file.toString());
        assertTrue(dump.contains("-> \"" + WasmBinaryRewriter.CALL_SAMPLE + "\""), dump);
        assertTrue(dump.contains("-> \"" + WasmBinaryRewriter.DELIVER + "\""), dump);
        assertTrue(dump.contains("-> \"" + WasmBinaryRewriter.DELIVER_GO + "\""), "the guest exports go-callback too");
        assertTrue(dump.contains("<guest_traps_here>"), "name section still names functions");
    }

    @Test
    void onlyTheFourExtendedSectionsChange() {
        byte[] original = TestGuests.build("testguest");
        WasmModuleInfo in = WasmModuleInfo.read(original);
        byte[] rewritten = WasmBinaryRewriter.addTrampolines(in);
        WasmModuleInfo out = WasmModuleInfo.read(rewritten);

        List<Section> a = in.sections();
        List<Section> b = out.sections();
        assertEquals(a.stream().map(Section::id).toList(), b.stream().map(Section::id).toList());
        for (int i = 0; i < a.size(); i++) {
            if (!CHANGED.contains(a.get(i).id())) {
                assertArrayEquals(Arrays.copyOfRange(original, a.get(i).payloadStart(), a.get(i).end()),
                        Arrays.copyOfRange(rewritten, b.get(i).payloadStart(), b.get(i).end()),
                        "section " + a.get(i).id() + " must be copied byte for byte");
            }
        }
        assertEquals(in.importedFunctionCount(), out.importedFunctionCount());
        assertEquals(in.definedFunctionCount() + 3, out.definedFunctionCount());
        assertEquals(in.exports(), out.exports().subList(0, in.exports().size()));
    }

    @Test
    void existingCallbackTypeIsReusedNotDuplicated() {
        WasmModuleInfo in = WasmModuleInfo.read(TestGuests.build("testguest"));
        int callbackType = in.types().indexOf(WasmBinaryRewriter.CALLBACK_TYPE);
        assertTrue(callbackType >= 0, "the guest's on_sample has the callback type");
        long missing = List.of(WasmBinaryRewriter.CALL_SAMPLE_TYPE, WasmBinaryRewriter.DELIVER_TYPE).stream()
                .filter(t -> !in.types().contains(t)).count();

        WasmModuleInfo out = WasmModuleInfo.read(WasmBinaryRewriter.addTrampolines(in));
        assertEquals(in.types().size() + missing, out.types().size());
        assertEquals(callbackType, out.types().indexOf(WasmBinaryRewriter.CALLBACK_TYPE));
        int callSample = out.export(WasmBinaryRewriter.CALL_SAMPLE).orElseThrow().index();
        assertEquals(WasmBinaryRewriter.CALL_SAMPLE_TYPE, out.functionType(callSample));
        int deliver = out.export(WasmBinaryRewriter.DELIVER).orElseThrow().index();
        assertEquals(WasmBinaryRewriter.DELIVER_TYPE, out.functionType(deliver));
    }

    @Test
    void rewritingTwiceIsRefused() {
        byte[] once = WasmBinaryRewriter.addTrampolines(WasmModuleInfo.read(TestGuests.build("testguest")));
        WasmFormatException e = assertThrows(WasmFormatException.class,
                () -> WasmBinaryRewriter.addTrampolines(WasmModuleInfo.read(once)));
        assertTrue(e.getMessage().contains("already exports " + WasmBinaryRewriter.CALL_SAMPLE), e.getMessage());
    }

    @Test
    void moduleWithoutTableIsLeftAlone() {
        byte[] empty = {0, 'a', 's', 'm', 1, 0, 0, 0};
        WasmModuleInfo info = WasmModuleInfo.read(empty);
        assertFalse(WasmBinaryRewriter.applies(info));
        assertThrows(WasmFormatException.class, () -> WasmBinaryRewriter.addTrampolines(info));
    }

    private static final String POLLING_MODULE = """
            (module
              (type $poll7 (func (param i64 i32 i32 i32 i32 i32 i32) (result i32)))
              (type $poll6 (func (param i64 i32 i32 i32 i32 i32) (result i32)))
              (import "wasm_bpf" "wasm_bpf_buffer_poll" (func $poll (type $poll7)))
              (import "callback-wrapper" "wasm_bpf_buffer_poll" (func $gopoll (type $poll6)))
              (memory (export "memory") 1)
              (table (export "__indirect_function_table") 1 funcref)
              (func $cb (param i32 i32 i32) (result i32) (local.get 2))
              (elem (i32.const 0) $cb)
              (func (export "go-callback") (param i32 i32 i32) (result i32) (local.get 2))
              (func (export "_start")
                (drop (i32.const 0x12345))
                (drop (call $poll (i64.const 1) (i32.const 3) (i32.const 0) (i32.const 7) (i32.const 1024) (i32.const 4096) (i32.const 100)))
                (block (drop (call $gopoll (i64.const 1) (i32.const 3) (i32.const 7) (i32.const 1024) (i32.const 4096) (i32.const 100))))
                (drop (call $poll (i64.const 1) (i32.const 3) (i32.const 0) (i32.const 7) (i32.const 1024) (i32.const 4096) (i32.const -1)))))
            """;

    @Test
    void theModulesCallsOfEitherPollImportGoToItsWrapper() throws Exception {
        byte[] original = TestGuests.wat(dir, POLLING_MODULE);
        WasmModuleInfo in = WasmModuleInfo.read(original);
        WasmModuleInfo out = WasmModuleInfo.read(WasmBinaryRewriter.addTrampolines(in));
        // call_sample, deliver and the table wrapper; deliver_go and the go wrapper; a thin-call
        // wrapper per poll import (ThinCallTest)
        assertEquals(in.definedFunctionCount() + 7, out.definedFunctionCount());
        assertEquals(in.importedFunctionCount(), out.importedFunctionCount());
        Path file = dir.resolve("polling.wasm");
        Files.write(file, out.bytes());
        TestGuests.run("wasm-validate", file.toString());
        String start = function(TestGuests.run("wasm-objdump", "-d", file.toString()), "_start");
        int first = in.importedFunctionCount() + in.definedFunctionCount();
        // the two thin-call wrappers, call_sample, deliver, the table wrapper, deliver_go, the go wrapper
        int tableWrapper = first + 4;
        int goWrapper = first + 6;
        assertEquals(2, calls(start, tableWrapper), start);
        assertEquals(1, calls(start, goWrapper), start);
        assertEquals(0, calls(start, 0) + calls(start, 1), "no call of an import is left: " + start);
        assertEquals(WasmBinaryRewriter.TABLE_POLL_TYPE, out.functionType(tableWrapper));
        assertEquals(WasmBinaryRewriter.GO_POLL_TYPE, out.functionType(goWrapper));
    }

    @Test
    void codeTheRedirectCannotDecodeKeepsItsImportCallsAndGetsTheTrampolines() throws Exception {
        byte[] module = TestGuests.wat(dir, POLLING_MODULE);
        // i32.const 0x12345 becomes an opcode no proposal defines
        byte[] constant = {0x41, (byte) 0xc5, (byte) 0xc6, 0x04};
        int at = indexOf(module, constant);
        assertTrue(at > 0);
        module[at] = (byte) 0xff;
        WasmModuleInfo in = WasmModuleInfo.read(module);
        WasmModuleInfo out = WasmModuleInfo.read(WasmBinaryRewriter.addTrampolines(in));
        assertEquals(in.definedFunctionCount() + 3, out.definedFunctionCount(), "the trampolines, no wrapper");
        assertTrue(out.export(WasmBinaryRewriter.DELIVER).isPresent());
    }

    /** The disassembly of the function exported as {@code name}. */
    private static String function(String objdump, String name) {
        int start = objdump.indexOf("<" + name + ">:");
        assertTrue(start >= 0, objdump);
        int end = objdump.indexOf(" func[", start);
        return objdump.substring(start, end < 0 ? objdump.length() : end);
    }

    /** How many disassembled lines call function {@code index}. */
    private static int calls(String disassembly, int index) {
        return (int) disassembly.lines().filter(l -> l.matches(".*\\| +call " + index + "( <.*)?")).count();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aModuleWithOnlyGoCallbackGetsOnlyTheGoTrampoline() throws Exception {
        WasmModuleInfo in = WasmModuleInfo.read(TestGuests.wat(dir, """
                (module
                  (memory (export "memory") 1)
                  (func (export "_start"))
                  (func (export "go-callback") (param i32 i32 i32) (result i32) (local.get 2)))
                """));
        assertTrue(WasmBinaryRewriter.applies(in));
        assertFalse(WasmBinaryRewriter.needsTableTrampolines(in));
        WasmModuleInfo out = WasmModuleInfo.read(WasmBinaryRewriter.addTrampolines(in));
        Path file = dir.resolve("go.wasm");
        Files.write(file, out.bytes());
        TestGuests.run("wasm-validate", file.toString());
        assertEquals(in.definedFunctionCount() + 1, out.definedFunctionCount());
        int deliverGo = out.export(WasmBinaryRewriter.DELIVER_GO).orElseThrow().index();
        assertEquals(WasmBinaryRewriter.DELIVER_GO_TYPE, out.functionType(deliverGo));
        assertFalse(out.export(WasmBinaryRewriter.CALL_SAMPLE).isPresent());
    }

    @Test
    void aGoCallbackOfAnotherTypeIsNotBatched() throws Exception {
        WasmModuleInfo in = WasmModuleInfo.read(TestGuests.wat(dir, """
                (module
                  (memory (export "memory") 1)
                  (func (export "_start"))
                  (func (export "go-callback") (param i32 i32) (result i32) (local.get 1)))
                """));
        assertFalse(WasmBinaryRewriter.applies(in));
    }


    @Test
    void malformedModulesAreRejectedWithTheReason() {
        byte[] module = TestGuests.build("testguest");
        WasmFormatException truncated = assertThrows(WasmFormatException.class,
                () -> WasmModuleInfo.read(Arrays.copyOf(module, module.length / 2)));
        assertTrue(truncated.getMessage().contains("but the file ends at " + module.length / 2), truncated.getMessage());
        WasmFormatException notWasm = assertThrows(WasmFormatException.class,
                () -> WasmModuleInfo.read("#!/bin/sh\n".getBytes()));
        assertTrue(notWasm.getMessage().contains("magic"), notWasm.getMessage());
    }
}
