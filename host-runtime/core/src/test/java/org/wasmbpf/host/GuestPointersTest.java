package org.wasmbpf.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.wasmbpf.host.GuestPointers.InvalidPointerException;
import org.wasmbpf.host.libbpf.Errno;

class GuestPointersTest {
    private final FakeGuestMemory memory = new FakeGuestMemory(65536);

    @Test
    void rangesUpToTheEndOfMemoryAreValid() {
        assertDoesNotThrow(() -> GuestPointers.checkRange(memory, 0, 65536));
        assertDoesNotThrow(() -> GuestPointers.checkRange(memory, 65536, 0));
        assertDoesNotThrow(() -> GuestPointers.checkRange(memory, 65535, 1));
    }

    @Test
    void rangesPastTheEndAreEfault() {
        assertEquals(Errno.EFAULT, errnoOf(() -> GuestPointers.checkRange(memory, 65535, 2)));
        assertEquals(Errno.EFAULT, errnoOf(() -> GuestPointers.checkRange(memory, 65537, 0)));
    }

    @Test
    void pointerPlusLengthDoesNotWrapAround() {
        // 0xFFFFFFF0 + 0x20 wraps to 0x10 in 32-bit arithmetic; it must not pass as valid.
        assertEquals(Errno.EFAULT, errnoOf(() -> GuestPointers.checkRange(memory, 0xFFFFFFF0, 0x20)));
        assertEquals(Errno.EFAULT, errnoOf(() -> GuestPointers.read(memory, 16, -1)));
        assertEquals(Errno.EFAULT, errnoOf(() -> GuestPointers.checkRange(memory, -1, 1)));
    }

    @Test
    void readAndWriteCopyExactlyTheRange() {
        GuestPointers.write(memory, 100, new byte[] {1, 2, 3, 4}, 1, 2);
        assertArrayEquals(new byte[] {0, 2, 3, 0}, GuestPointers.read(memory, 99, 4));
        assertEquals(Errno.EFAULT, errnoOf(() -> GuestPointers.write(memory, 65535, new byte[2])));
    }

    @Test
    void growingMemoryIsSeenByTheNextCheck() {
        assertEquals(Errno.EFAULT, errnoOf(() -> GuestPointers.checkRange(memory, 65536, 10)));
        memory.grow(65536);
        assertDoesNotThrow(() -> GuestPointers.checkRange(memory, 65536, 10));
    }

    @Test
    void cStringsAreReadUpToTheirNul() {
        memory.putCString(200, "on_getppid");
        assertEquals("on_getppid", GuestPointers.readCString(memory, 200));
        memory.putCString(300, "");
        assertEquals("", GuestPointers.readCString(memory, 300));
        String longName = "x".repeat(1000);
        memory.putCString(400, longName);
        assertEquals(longName, GuestPointers.readCString(memory, 400));
        memory.putCString(2000, "héllo");
        assertEquals("héllo", GuestPointers.readCString(memory, 2000));
    }

    @Test
    void cStringsWithoutNulWithinTheLimitAreEinval() {
        memory.putCString(200, "abcdefgh");
        assertEquals("abcdefgh", GuestPointers.readCString(memory, 200, 8));
        assertEquals(Errno.EINVAL, errnoOf(() -> GuestPointers.readCString(memory, 200, 7)));
        java.util.Arrays.fill(memory.raw(), 1000, 1000 + GuestPointers.MAX_CSTRING + 1, (byte) 'a');
        assertEquals(Errno.EINVAL, errnoOf(() -> GuestPointers.readCString(memory, 1000)));
    }

    @Test
    void cStringsRunningOffMemoryAreEfault() {
        java.util.Arrays.fill(memory.raw(), 65530, 65536, (byte) 'a');
        assertEquals(Errno.EFAULT, errnoOf(() -> GuestPointers.readCString(memory, 65530)));
        assertEquals(Errno.EFAULT, errnoOf(() -> GuestPointers.readCString(memory, 65536)));
        assertEquals(Errno.EFAULT, errnoOf(() -> GuestPointers.readCString(memory, -8)));
    }

    @Test
    void optionalStringZeroIsNull() {
        assertNull(GuestPointers.readOptionalCString(memory, 0));
        memory.putCString(8, "eth0");
        assertEquals("eth0", GuestPointers.readOptionalCString(memory, 8));
    }

    private static int errnoOf(Runnable r) {
        return assertThrows(InvalidPointerException.class, r::run).errno();
    }
}
