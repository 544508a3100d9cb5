package org.wasmbpf.host.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.wasmbpf.host.wasm.WasmReaderTest.assertFault;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WasmSectionsTest {
    private static final int[] HEADER = {0, 'a', 's', 'm', 1, 0, 0, 0};

    @Test
    void sectionsAreByteRangesOfTheModule() {
        byte[] module = module(1, 4, 1, 0x60, 0, 0, 0, 0x80, 0x00, 5, 3, 1, 0, 1);
        List<Section> all = new ArrayList<>();
        for (WasmSections s = WasmSections.of(module); s.hasNext(); ) {
            all.add(s.next());
        }
        assertEquals(List.of(new Section(1, 8, 10, 14), new Section(0, 14, 17, 17), new Section(5, 17, 19, 22)), all);
        assertFalse(WasmSections.of(module()).hasNext(), "a header alone has no sections");
    }

    @Test
    void theHeaderMustBeWasm1() {
        for (byte[] bad : new byte[][] {
                new byte[0],
                WasmReaderTest.bytes(0, 'a', 's', 'm', 1, 0, 0),
                WasmReaderTest.bytes(0x7f, 'E', 'L', 'F', 1, 0, 0, 0),
                WasmReaderTest.bytes(0, 'a', 's', 'm', 2, 0, 0, 0),
        }) {
            assertFault(false, "not a Wasm 1.0 binary (bad magic or version)", () -> WasmSections.of(bad));
        }
        assertEquals(2, WasmSections.magicPrefix(WasmReaderTest.bytes(0, 'a', 'x')));
        assertEquals(4, WasmSections.magicPrefix(module()));
        assertEquals(0x04030201, WasmSections.version(WasmReaderTest.bytes(0, 'a', 's', 'm', 1, 2, 3, 4)));
    }

    @Test
    void aTruncatedSizeRunsOutOfBytes() {
        assertFault(true, "section 1 at offset 8 has no complete size but the file ends at 9", () -> all(module(1)));
        assertFault(true, "section 7 at offset 10 has no complete size but the file ends at 13",
                () -> all(module(0, 0, 7, 0x80, 0x80)));
    }

    @Test
    void aSectionLongerThanTheModuleRunsOutOfBytes() {
        assertFault(true, "section 1 at offset 8 needs 10 bytes but the file ends at 12", () -> all(module(1, 10, 0, 0)));
        assertFault(true, "section 10 at offset 8 needs 34359738367 bytes but the file ends at 14",
                () -> all(module(10, 0xff, 0xff, 0xff, 0xff, 0x7f)));
    }

    @Test
    void anOverlongSizeIsMalformed() {
        assertFault(false, "bad size of section 3 at offset 10", () -> all(module(0, 0, 3, 0x80, 0x80, 0x80, 0x80, 0x80, 0)));
    }

    @Test
    void aSectionIsCheckedOnlyWhenReached() {
        WasmSections s = WasmSections.of(module(5, 1, 0, 7, 0x80));
        assertEquals(Section.MEMORY, s.next().id());
        assertThrows(WasmFormatException.class, s::next);
    }

    private static void all(byte[] module) {
        for (WasmSections s = WasmSections.of(module); s.hasNext(); ) {
            s.next();
        }
    }

    private static byte[] module(int... sections) {
        int[] all = new int[HEADER.length + sections.length];
        System.arraycopy(HEADER, 0, all, 0, HEADER.length);
        System.arraycopy(sections, 0, all, HEADER.length, sections.length);
        return WasmReaderTest.bytes(all);
    }
}
