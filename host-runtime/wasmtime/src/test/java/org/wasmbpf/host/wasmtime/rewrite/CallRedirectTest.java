package org.wasmbpf.host.wasmtime.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.host.testing.TestGuests;
import org.wasmbpf.host.wasm.Section;
import org.wasmbpf.host.wasm.WasmFormatException;
import org.wasmbpf.host.wasm.WasmReader;
import org.wasmbpf.host.wasm.WasmWriter;

class CallRedirectTest {
    /**
     * Calls to the import {@code env.f} (function 0) among immediates full of 0x10 bytes: i32, i64,
     * f32 and f64 constants, memarg offsets (one with a multi-memory index), v128 constants and
     * shuffles, lanes, bulk memory, atomics, exception handling, plus a {@code return_call 0} that is
     * not a {@code call} and must stay.
     */
    private static final String BUSY = """
            (module
              (type $t (func (param i32) (result i32)))
              (import "env" "f" (func $f (type $t)))
              (memory 1 1 shared)
              (memory $m2 1)
              (table 2 funcref)
              (tag $e (param i32))
              (elem (i32.const 0) $g $h)
              (data $d "abcdefghijklmnopq")
              (func $g (type $t) (local.get 0))
              (func $h (type $t) (local i64 v128)
                (block $b0
                  (block $b1
                    (loop $l
                      (br_table $b0 $b1 $l (call $f (i32.const 16))))))
                (local.set 1 (i64.const 0x1010))
                (drop (i32.load offset=16 align=1 (call $f (i32.const 0x10))))
                (i64.store offset=0x1010 (i32.const 16) (local.get 1))
                (i64.store $m2 offset=16 (i32.const 16) (local.get 1))
                (drop (f32.const nan:0x101010))
                (drop (f64.const nan:0x1010101010))
                (drop (call_indirect (type $t) (i32.const 16) (i32.const 1)))
                (local.set 2 (v128.const i32x4 16 16 0x10 0x1010))
                (local.set 2 (i8x16.shuffle 16 16 16 16 16 16 16 16 16 16 16 16 16 16 16 16
                  (local.get 2) (local.get 2)))
                (drop (i32x4.extract_lane 1 (local.get 2)))
                (local.set 2 (v128.load32_lane offset=16 2 (i32.const 0) (local.get 2)))
                (memory.init $d (i32.const 0) (i32.const 0) (i32.const 16))
                (memory.copy (i32.const 0) (i32.const 16) (i32.const 16))
                (memory.fill (i32.const 0) (i32.const 16) (i32.const 16))
                (drop (i32.atomic.rmw.add offset=16 (i32.const 0) (i32.const 16)))
                atomic.fence
                (drop (ref.func $g))
                (try (do (drop (call $f (i32.const 16))) (throw $e (i32.const 16)))
                     (catch $e (drop (call $f)))
                     (catch_all))
                (if (result i32) (call $f (local.get 0))
                  (then (call $f (i32.const 16)))
                  (else (select (result i32) (i32.const 16) (call $f (i32.const 1)) (i32.const 0)))))
              (func $k (type $t) (return_call $f (i32.const 16)))
              (func $quiet (type $t) (local i64)
                (local.set 1 (i64.const 0x1010101010))
                (i32.load offset=16 (call $g (i32.const 16)))))
            """;

    @TempDir
    Path dir;

    @Test
    void everyCallToTheImportNowCallsTheDefinedFunctionAndNothingElseChanges() {
        byte[] original = TestGuests.wat(dir, BUSY, "--enable-all");
        byte[] before = original.clone();
        byte[] redirected = redirect(original, 0, 1);
        assertArrayEquals(before, original, "the input must not be modified");
        validate(redirected);

        String was = disassemble(original);
        String is = disassemble(redirected);
        long calls = was.lines().filter(l -> l.matches(".*\\| +call 0 <env.f>")).count();
        assertEquals(7, calls, was);
        assertFalse(is.contains("call 0 "), is);
        assertTrue(is.contains("return_call 0"), "only call is redirected, not return_call: " + is);
        // A one-byte index for a one-byte index: even the offsets in the listing stay put.
        String expected = was.replaceAll("(?m)^( [0-9a-f]{6}: )10 00( +\\| +)call 0 <env.f>$", "$110 01$2call 1");
        assertEquals(expected, is.replaceAll("(?m)(call 1) <g>$", "$1"));
    }

    @Test
    void aTargetPastOneLebByteGrowsTheBodiesAndTheirSizes() {
        StringBuilder text = new StringBuilder("""
                (module
                  (type $t (func (param i32) (result i32)))
                  (import "env" "f" (func $f (type $t)))
                  (func $padded (type $t) local.get 0 call $f
                """);
        // 1 (no locals) + 2 (local.get) + 2 (call) + 121 + 1 (end): 127 bytes, the most a one-byte size holds.
        text.append("    nop".repeat(121)).append(")\n");
        text.append("  (func $many (type $t) local.get 0").append(" call $f".repeat(70)).append(")\n");
        for (int i = 3; i <= 200; i++) {
            text.append("  (func (type $t) (i32.add (local.get 0) (i32.const ").append(i).append(")))\n");
        }
        byte[] original = TestGuests.wat(dir, text.append(")").toString(), "--enable-all");
        byte[] redirected = redirect(original, 0, 200);
        validate(redirected);

        List<byte[]> was = bodies(original, code(original));
        List<byte[]> is = bodies(redirected, code(redirected));
        assertEquals(200, was.size());
        assertEquals(200, is.size());
        assertEquals(127, was.get(0).length);
        assertEquals(128, is.get(0).length, "one call, one more byte");
        assertEquals(was.get(1).length + 70, is.get(1).length);
        for (int i = 2; i < 200; i++) {
            assertArrayEquals(was.get(i), is.get(i), "function " + i + " has no call to redirect");
        }
        // The size of the padded body now takes two bytes: 0x80 0x01.
        Section code = code(redirected);
        int sizeAt = code.payloadStart() + 2; // after the count, 200 = 0xc8 0x01
        assertEquals(0x80, redirected[sizeAt] & 0xff);
        assertEquals(0x01, redirected[sizeAt + 1]);

        String listing = disassemble(redirected);
        assertEquals(71, listing.lines().filter(l -> l.matches(".*10 c8 01 +\\| call 200( <.*>)?$")).count(), listing);
        assertFalse(listing.contains("call 0 "), listing);
    }

    @Test
    void bodiesWithoutTheCallAreCopiedByteForByte() {
        byte[] original = TestGuests.wat(dir, BUSY, "--enable-all");
        Section code = code(original);
        byte[] payload = Arrays.copyOfRange(original, code.payloadStart(), code.end());
        // Nothing calls $k (3); 16 is no function, but 0x10 bytes abound in the immediates.
        assertArrayEquals(payload, CallRedirect.redirectCalls(original, code, 3, 2));
        assertArrayEquals(payload, CallRedirect.redirectCalls(original, code, 16, 2), "0x10 bytes in immediates are not calls");

        List<byte[]> was = bodies(original, code);
        List<byte[]> is = bodies(CallRedirect.redirectCalls(original, code, 0, 1));
        assertArrayEquals(was.get(0), is.get(0));
        assertNotEquals(Arrays.toString(was.get(1)), Arrays.toString(is.get(1)));
        assertArrayEquals(was.get(2), is.get(2));
        assertArrayEquals(was.get(3), is.get(3));

        List<byte[]> quiet = bodies(CallRedirect.redirectCalls(original, code, 1, 0));
        assertEquals(was.get(3).length, quiet.get(3).length);
        assertNotEquals(Arrays.toString(was.get(3)), Arrays.toString(quiet.get(3)), "$quiet calls $g");
    }

    @Test
    void severalRedirectsApplyAtOnceAndNotOneAfterTheOther() {
        byte[] original = TestGuests.wat(dir, BUSY, "--enable-all");
        Section code = code(original);
        // A swap: were they applied in turn, every call would end up at the same function.
        byte[] payload = CallRedirect.redirectCalls(original, code, Map.of(0, 1, 1, 0));
        byte[] swapped = replaceCode(original, payload);
        validate(swapped);
        String listing = disassemble(swapped);
        assertEquals(7, listing.lines().filter(l -> l.matches(".*\\| +call 1( <g>)?")).count(), listing);
        assertEquals(1, listing.lines().filter(l -> l.matches(".*\\| +call 0 <env.f>")).count(), listing);

        byte[] garbage = original.clone();
        garbage[bodyStarts(garbage, code)[1] + 1] = (byte) 0xff;
        assertArrayEquals(Arrays.copyOfRange(garbage, code.payloadStart(), code.end()),
                CallRedirect.redirectCalls(garbage, code, Map.of()), "nothing to redirect, nothing decoded");
    }

    @Test
    void garbageAndTruncatedBodiesThatCallTheCalleeAreRefusedNamingTheFunction() {
        // Each body calls $a, so each is decoded (see aBodyThatCannotNameTheCalleeIsCopiedUndecoded).
        byte[] original = TestGuests.wat(dir, """
                (module
                  (func $a (result i32) (drop (call $a)) (i32.const 16))
                  (func $b (call $a) (drop) (call $a) (drop))
                  (func $c (call $a) (drop) (drop (i64.const 0x1010101010))))
                """, "--enable-all");
        Section code = code(original);
        int[] starts = bodyStarts(original, code);

        byte[] garbage = original.clone();
        int opcode = starts[1] + 1; // past the empty locals vector
        garbage[opcode] = (byte) 0xff;
        WasmFormatException unknown = assertThrows(WasmFormatException.class,
                () -> CallRedirect.redirectCalls(garbage, code, 0, 1));
        assertTrue(unknown.getMessage().contains("function 1 "), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("unknown opcode 0xff at offset " + opcode), unknown.getMessage());

        byte[] prefixed = original.clone();
        prefixed[opcode] = (byte) 0xfc;
        prefixed[opcode + 1] = 0x7f; // no such misc instruction
        WasmFormatException sub = assertThrows(WasmFormatException.class,
                () -> CallRedirect.redirectCalls(prefixed, code, 0, 1));
        assertTrue(sub.getMessage().contains("function 1 ") && sub.getMessage().contains("0xfc 127"), sub.getMessage());

        // Cut function 2 inside its i64.const: size = locals (1) + call (2) + drop (1) + opcode (1)
        // + 2 LEB bytes of 5.
        byte[] cut = original.clone();
        cut[starts[2] - 1] = 7;
        WasmFormatException truncated = assertThrows(WasmFormatException.class,
                () -> CallRedirect.redirectCalls(cut, code, 0, 1));
        assertTrue(truncated.truncated(), truncated.getMessage());
        assertTrue(truncated.getMessage().contains("function 2 "), truncated.getMessage());

        // Cut function 0 just before its final end: at an instruction boundary, still truncated.
        byte[] unended = original.clone();
        unended[starts[0] - 1]--;
        WasmFormatException noEnd = assertThrows(WasmFormatException.class,
                () -> CallRedirect.redirectCalls(unended, code, 0, 1));
        assertTrue(noEnd.truncated(), noEnd.getMessage());
        assertTrue(noEnd.getMessage().contains("function 0 "), noEnd.getMessage());

        Section short2 = new Section(code.id(), code.start(), code.payloadStart(), code.end() - 2);
        WasmFormatException pastEnd = assertThrows(WasmFormatException.class,
                () -> CallRedirect.redirectCalls(original, short2, 0, 1));
        assertTrue(pastEnd.getMessage().contains("function 2 "), pastEnd.getMessage());
    }

    @Test
    void aBodyThatCannotNameTheCalleeIsCopiedUndecoded() {
        byte[] original = TestGuests.wat(dir, """
                (module
                  (func $a (result i32) (i32.const 16))
                  (func $b (call $a) (drop))
                  (func $c (drop (i32.const 0x10))))
                """, "--enable-all");
        Section code = code(original);
        int[] starts = bodyStarts(original, code);
        byte[] garbage = original.clone();
        garbage[starts[2] + 1] = (byte) 0xff; // i32.const, in a body with no 0x10 0x00
        byte[] payload = CallRedirect.redirectCalls(garbage, code, 0, 1);
        byte[] expected = CallRedirect.redirectCalls(original, code, 0, 1);
        expected[expected.length - (code.end() - starts[2]) + 1] = (byte) 0xff;
        assertArrayEquals(expected, payload, "only $b's call moved; $c is as it came");
    }

    /** {@code module} with only its code section's payload replaced by the redirected one. */
    private static byte[] redirect(byte[] module, int from, int to) {
        Section code = code(module);
        return replaceCode(module, CallRedirect.redirectCalls(module, code, from, to));
    }

    private static byte[] replaceCode(byte[] module, byte[] payload) {
        WasmModuleInfo info = WasmModuleInfo.read(module);
        WasmWriter out = new WasmWriter(module.length + 64).bytes(module, 0, 8);
        for (Section s : info.sections()) {
            if (s.id() == Section.CODE) {
                out.section(Section.CODE, payload);
            } else {
                out.section(module, s);
            }
        }
        return out.toByteArray();
    }

    private static Section code(byte[] module) {
        return WasmModuleInfo.read(module).section(Section.CODE).orElseThrow();
    }

    private static List<byte[]> bodies(byte[] module, Section code) {
        return bodies(Arrays.copyOfRange(module, code.payloadStart(), code.end()));
    }

    /** The function bodies of a code section payload, without their sizes. */
    private static List<byte[]> bodies(byte[] payload) {
        WasmReader r = new WasmReader(payload, 0, payload.length);
        List<byte[]> out = new ArrayList<>();
        for (int n = r.length(); n > 0; n--) {
            int size = r.length();
            out.add(Arrays.copyOfRange(payload, r.pos(), r.pos() + size));
            r.skip(size);
        }
        assertTrue(r.atEnd());
        return out;
    }

    /** Where each body starts in the module, past its size (which is one byte in these tests). */
    private static int[] bodyStarts(byte[] module, Section code) {
        WasmReader r = code.payload(module);
        int[] starts = new int[r.length()];
        for (int i = 0; i < starts.length; i++) {
            int size = r.length();
            starts[i] = r.pos();
            r.skip(size);
        }
        return starts;
    }


    private void validate(byte[] module) {
        TestGuests.run("wasm-validate", "--enable-all", write(module).toString());
    }

    /** The disassembly without its header line, which names the file. */
    private String disassemble(byte[] module) {
        String listing = TestGuests.run("wasm-objdump", "-d", write(module).toString());
        return listing.substring(listing.indexOf("Code Disassembly:"));
    }

    private Path write(byte[] module) {
        try {
            Path file = Files.createTempFile(dir, "out", ".wasm");
            Files.write(file, module);
            return file;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
