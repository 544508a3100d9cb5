package org.wasmbpf.host.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.wasmbpf.host.wasm.WasmReader.Limits;

class WasmReaderTest {
    @Test
    void leb128RoundTripsAtEncodingBoundaries() {
        for (int v : new int[] {0, 1, 63, 64, 127, 128, 16383, 16384, 624485, Integer.MAX_VALUE, -1, 0x80000000}) {
            byte[] enc = new WasmWriter().u32(v).toByteArray();
            WasmReader r = reader(enc);
            assertEquals(v, r.u32(), "u32 " + Integer.toUnsignedString(v));
            assertTrue(r.atEnd());
        }
        assertArrayEquals(bytes(0xe5, 0x8e, 0x26), new WasmWriter().u32(624485).toByteArray());
        assertArrayEquals(bytes(0xc0, 0xbb, 0x78), new WasmWriter().s32(-123456).toByteArray());
        assertArrayEquals(bytes(0x3f), new WasmWriter().s32(63).toByteArray());
        assertArrayEquals(bytes(0xc0, 0x00), new WasmWriter().s32(64).toByteArray());
        assertArrayEquals(bytes(0x40), new WasmWriter().s32(-64).toByteArray());
    }

    @Test
    void aRedundantlyLongEncodingOfFiveBytesIsRead() {
        assertEquals(1, reader(bytes(0x81, 0x80, 0x80, 0x80, 0x00)).u32());
    }

    @Test
    void anOverlongLebIsMalformed() {
        assertFault(false, "LEB128 u32 too long at offset 5", () -> reader(bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0x01)).u32());
        assertFault(false, "LEB128 u32 too long at offset 5", () -> reader(bytes(0x80, 0x80, 0x80, 0x80, 0x80)).uleb());
    }

    @Test
    void aTruncatedLebRunsOutOfBytes() {
        assertFault(true, "unexpected end of data at offset 2", () -> reader(bytes(0x80, 0x80)).u32());
        assertFault(true, "unexpected end of data at offset 0", () -> reader(new byte[0]).u8());
        // the reader's end, not the array's, is where data ends
        assertFault(true, "unexpected end of data at offset 1", () -> new WasmReader(bytes(0x80, 0x01), 0, 1).u32());
    }

    @Test
    void bitsPastTheThirtySecondAreKeptByUlebAndRefusedByU32() {
        byte[] big = bytes(0xff, 0xff, 0xff, 0xff, 0x7f);
        assertEquals((1L << 35) - 1, reader(big).uleb());
        assertFault(false, "LEB128 u32 out of range at offset 5", () -> reader(big).u32());
    }

    @Test
    void lengthsAndNamesMustFitWhatIsLeft() {
        WasmReader r = reader(bytes(3, 'a', 'b', 'c', 4, 'd'));
        assertEquals("abc", r.name());
        assertFault(false, "length 4 runs past the end at offset 5", r::name);
        assertFault(false, "length 4294967295 runs past the end at offset 5",
                () -> reader(bytes(0xff, 0xff, 0xff, 0xff, 0x0f)).length());
        assertFault(false, "cannot skip 2 bytes at offset 0", () -> reader(bytes(1)).skip(2));
        assertEquals("é", reader(new WasmWriter().name("é").toByteArray()).name());
    }

    @Test
    void limitsWithAndWithoutMaximum() {
        WasmReader r = reader(bytes(0, 2, 1, 0x80, 0x01, 0xff, 0xff, 0xff, 0xff, 0x0f));
        Limits noMax = r.limits();
        assertEquals(new Limits(0, 2, -1), noMax);
        assertFalse(noMax.hasMax());
        Limits withMax = r.limits();
        assertEquals(new Limits(1, 128, 0xffffffffL), withMax);
        assertTrue(withMax.hasMax());
        assertTrue(r.atEnd());
        assertFault(true, "unexpected end of data at offset 2", () -> reader(bytes(1, 0)).limits());
    }

    @Test
    void theWriterFramesSections() {
        byte[] module = new WasmWriter().u8(0).u8(0x61).u8(0x73).u8(0x6d).u8(1).u8(0).u8(0).u8(0)
                .section(Section.TYPE, bytes(1, 0x60, 0, 0)).toByteArray();
        WasmSections sections = WasmSections.of(module);
        Section type = sections.next();
        assertEquals(new Section(Section.TYPE, 8, 10, 14), type);
        assertFalse(sections.hasNext());
        byte[] copy = new WasmWriter().section(module, type).toByteArray();
        assertArrayEquals(bytes(1, 4, 1, 0x60, 0, 0), copy);
        assertEquals(1, type.payload(module).length());
    }

    static void assertFault(boolean truncated, String message, Executable read) {
        WasmFormatException e = assertThrows(WasmFormatException.class, read);
        assertEquals(message, e.getMessage());
        assertEquals(truncated, e.truncated(), "truncated()");
    }

    private static WasmReader reader(byte[] b) {
        return new WasmReader(b, 0, b.length);
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
