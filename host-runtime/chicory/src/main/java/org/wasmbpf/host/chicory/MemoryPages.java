package org.wasmbpf.host.chicory;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The pages of Chicory 1.7.5's {@link ByteArrayMemory} (its private {@code byte[][] pages}, one
 * 64 KiB array per Wasm page, created as the memory grows and never replaced): a sample copied
 * from the kernel's buffer straight into its page skips the copy {@link Memory#write} needs from
 * a heap array. Memory of another kind, or a Chicory without that field, gets null, and callers
 * write through {@link Memory} as before.
 */
final class MemoryPages {
    static final int PAGE_SIZE = Memory.PAGE_SIZE;
    private static final int PAGE_SHIFT = Integer.numberOfTrailingZeros(PAGE_SIZE);
    private static final VarHandle PAGES = pagesField();

    private MemoryPages() {}

    /** The page array holding guest address {@code addr}, or null; the caller has checked {@code addr} is in memory. */
    static byte[] pageOf(Memory memory, int addr) {
        if (PAGES == null || !(memory instanceof ByteArrayMemory)) {
            return null;
        }
        byte[][] pages = (byte[][]) PAGES.get((ByteArrayMemory) memory);
        int index = addr >>> PAGE_SHIFT;
        return pages != null && index < pages.length ? pages[index] : null;
    }

    static int offsetInPage(int addr) {
        return addr & (PAGE_SIZE - 1);
    }

    private static VarHandle pagesField() {
        try {
            return MethodHandles.privateLookupIn(ByteArrayMemory.class, MethodHandles.lookup())
                    .findVarHandle(ByteArrayMemory.class, "pages", byte[][].class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
