package org.wasmbpf.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.wasmbpf.host.spi.ModuleRejectedException;

class MemoryLimitPatchTest {
    private static final byte[] HEADER = {0, 'a', 's', 'm', 1, 0, 0, 0};
    private static final int[] TYPES = {1, 4, 1, 0x60, 0, 0};
    private static final int[] EXPORTS = {7, 5, 1, 1, 'm', 2, 0};

    @Test
    void aMaximumIsAddedOrLowered() {
        assertArrayEquals(module(TYPES, new int[] {5, 4, 1, 1, 2, 10}, EXPORTS),
                MemoryLimitPatch.apply(module(TYPES, new int[] {5, 3, 1, 0, 2}, EXPORTS), 10));
        assertArrayEquals(module(TYPES, new int[] {5, 4, 1, 1, 2, 10}, EXPORTS),
                MemoryLimitPatch.apply(module(TYPES, new int[] {5, 5, 1, 1, 2, 0x80, 1}, EXPORTS), 10));
        assertArrayEquals(module(new int[] {5, 4, 1, 1, 2, 5}),
                MemoryLimitPatch.apply(module(new int[] {5, 4, 1, 1, 2, 5}), 10), "a lower maximum stays");
    }

    @Test
    void theSectionGrowsWhenTheMaximumNeedsMoreBytes() {
        assertArrayEquals(module(new int[] {5, 6, 1, 1, 0, 0x80, 0x80, 4}, EXPORTS),
                MemoryLimitPatch.apply(module(new int[] {5, 3, 1, 0, 0}, EXPORTS), GuestLimits.WASM32_MAX_PAGES));
        assertArrayEquals(module(new int[] {5, 7, 2, 1, 0, 3, 1, 1, 3}),
                MemoryLimitPatch.apply(module(new int[] {5, 5, 2, 0, 0, 0, 1}), 3), "every memory is capped");
    }

    @Test
    void aMemoryStartingAboveTheLimitIsRejected() {
        ModuleRejectedException e = assertThrows(ModuleRejectedException.class,
                () -> MemoryLimitPatch.apply(module(new int[] {5, 4, 1, 0, 0x94, 0x00}), 10));
        assertEquals("its memory starts at 20 pages of 64 KiB, more than the limit of 10 pages", e.getMessage());
        assertEquals(ModuleRejectedException.Reason.INVALID, e.reason());
    }

    @Test
    void onlyTheMemorySectionIsRead() {
        // what follows the memory section is the engine's to judge, after the limit
        assertArrayEquals(module(new int[] {5, 4, 1, 1, 2, 10}, new int[] {7, 100}),
                MemoryLimitPatch.apply(module(new int[] {5, 3, 1, 0, 2}, new int[] {7, 100}), 10));
        assertThrows(ModuleRejectedException.class,
                () -> MemoryLimitPatch.apply(module(new int[] {5, 3, 1, 0, 20}, new int[] {7, 0x80}), 10));
    }

    @Test
    void modulesItDoesNotUnderstandPassUntouched() {
        for (byte[] m : new byte[][] {
                new byte[0],
                {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 5, 3, 1, 0, 2},
                module(TYPES, EXPORTS), // no memory of its own
                module(new int[] {5, 3, 1, 3, 2}), // shared
                module(new int[] {5, 3, 1, 4, 2}), // 64-bit
                module(new int[] {5, 4, 1, 0, 2, 0}), // a byte past the memories
                module(new int[] {5, 3, 2, 0, 2}), // fewer memories than counted
                module(new int[] {5, 2, 1, 0x80}), // a truncated minimum
                module(new int[] {5, 7, 1, 0, 0x80, 0x80, 0x80, 0x80, 0x80}), // an overlong minimum
                module(new int[] {5, 8, 1, 1, 0, 0xff, 0xff, 0xff, 0xff, 0x1f}), // a maximum past u32
                module(new int[] {5, 9, 1, 0}), // a section past the end
                module(TYPES, new int[] {1, 0x80, 0x80, 0x80, 0x80, 0x80, 0}, new int[] {5, 3, 1, 0, 2}),
                module(new int[] {1, 0x80}),
        }) {
            assertSame(m, MemoryLimitPatch.apply(m, 10));
        }
    }

    private static byte[] module(int[]... sections) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HEADER);
        for (int[] section : sections) {
            for (int b : section) {
                out.write(b);
            }
        }
        return out.toByteArray();
    }
}
