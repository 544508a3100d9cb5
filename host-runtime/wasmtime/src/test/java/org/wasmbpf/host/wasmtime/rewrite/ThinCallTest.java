package org.wasmbpf.host.wasmtime.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wasmbpf.host.testing.TestGuests;

class ThinCallTest {
    private static final WasmModuleInfo.FuncType UNIT = new WasmModuleInfo.FuncType(new byte[0], new byte[0]);

    @TempDir
    Path dir;

    private static String module(String memoryPages, String extra) {
        return """
                (module
                  (import "wasm_bpf" "wasm_bpf_buffer_poll"
                    (func $poll (param i64 i32 i32 i32 i32 i32 i32) (result i32)))
                  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock (param i32 i64 i32) (result i32)))
                  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
                  (memory (export "memory") %s)
                  (table (export "__indirect_function_table") 1 funcref)
                  (func (export "_start")
                    (drop (call $clock (i32.const 1) (i64.const 1) (i32.const 1024)))
                    (drop (call $poll (i64.const 1) (i32.const 3) (i32.const 0) (i32.const 7) (i32.const 2048) (i32.const 4096) (i32.const 100))))
                  %s)
                """.formatted(memoryPages, extra);
    }

    @Test
    void thePollAndTheClockAreCalledThroughMemoryWithTheirTypeUnitToUnit() throws Exception {
        WasmModuleInfo in = WasmModuleInfo.read(TestGuests.wat(dir, module("1", ""), "--enable-tail-call"));
        WasmBinaryRewriter.Rewritten r = WasmBinaryRewriter.rewrite(in);
        assertEquals(List.of(0, 1), r.thinned());
        WasmModuleInfo out = WasmModuleInfo.read(r.bytes());
        assertEquals(UNIT, out.functionType(0));
        assertEquals(UNIT, out.functionType(1));
        assertEquals(in.functionType(2), out.functionType(2), "proc_exit is not hot");
        Path file = dir.resolve("thin.wasm");
        Files.write(file, r.bytes());
        TestGuests.run("wasm-validate", file.toString());
        String dump = TestGuests.run("wasm-objdump", "-d", file.toString());
        int first = in.importedFunctionCount() + in.definedFunctionCount();
        // the thin-call wrappers first, then call_sample, deliver and the poll wrapper
        int thinPoll = first;
        int thinClock = first + 1;
        int pollWrapper = first + 4;
        String start = body(dump, in.importedFunctionCount());
        assertEquals(1, calls(start, thinClock), start);
        assertEquals(1, calls(start, pollWrapper), start);
        assertEquals(3, calls(body(dump, pollWrapper), thinPoll), "each of the poll wrapper's calls goes through the thin call");
        assertEquals(1, calls(body(dump, thinPoll), 0));
        assertEquals(1, calls(body(dump, thinClock), 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "(export \"clock\" (func $clock))",
        "(elem (i32.const 0) $clock)",
        "(elem declare func $clock) (func (result funcref) (ref.func $clock))",
        "(func (result i32) (return_call $clock (i32.const 1) (i64.const 1) (i32.const 1024)))",
        "(global funcref (ref.func $clock))",
        "(start $exit_zero) (func $exit_zero (call $exit (i32.const 0)))"
    })
    void anImportNamedOutsideADirectCallKeepsItsType(String extra) throws Exception {
        WasmModuleInfo in = WasmModuleInfo.read(TestGuests.wat(dir, module("1", extra), "--enable-tail-call"));
        WasmBinaryRewriter.Rewritten r = WasmBinaryRewriter.rewrite(in);
        boolean clockNamed = extra.contains("$clock)") || extra.contains("$clock ");
        assertEquals(clockNamed ? List.of(0) : List.of(0, 1), r.thinned(), extra);
        WasmModuleInfo out = WasmModuleInfo.read(r.bytes());
        assertEquals(clockNamed ? in.functionType(1) : UNIT, out.functionType(1));
        Path file = dir.resolve("kept.wasm");
        Files.write(file, r.bytes());
        TestGuests.run("wasm-validate", "--enable-tail-call", file.toString());
    }

    @Test
    void aModuleWithoutAPageOfMemoryKeepsEveryType() throws Exception {
        byte[] module = TestGuests.wat(dir, module("0", ""), "--enable-tail-call");
        WasmBinaryRewriter.Rewritten r = WasmBinaryRewriter.rewrite(WasmModuleInfo.read(module));
        assertEquals(List.of(), r.thinned());
        assertTrue(r.wrapsPolls());
    }


    /** The disassembly of function {@code index}. */
    private static String body(String objdump, int index) {
        int start = objdump.indexOf("func[" + index + "]");
        assertTrue(start >= 0, objdump);
        int end = objdump.indexOf(" func[", start + 1);
        return objdump.substring(start, end < 0 ? objdump.length() : end);
    }

    private static int calls(String disassembly, int index) {
        return (int) disassembly.lines().filter(l -> l.matches(".*\\| +call " + index + "( <.*)?")).count();
    }
}
