package org.wasmbpf.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SmallHelpersTest {
    @Test
    void localTimeIsTheUtcTimeOfDay() {
        assertEquals("00:00:00", LocalTime.format(0));
        assertEquals("13:05:09", LocalTime.format((13 * 3600 + 5 * 60 + 9) * 1000L + 999));
        assertEquals("23:59:59", LocalTime.format(-1));
    }

    @Test
    void paddingIsPrintfs() {
        assertEquals("ab   |", Text.left("ab", 5) + "|");
        assertEquals("   ab", Text.right("ab", 5));
        assertEquals("toolong", Text.left("toolong", 3));
        assertEquals("-42    ", Text.left(-42, 7));
    }

    @Test
    void errnoNamesFollowWasiNumbering() {
        assertEquals("ENOENT", Errno.name(44));
        assertEquals("EINTR", Errno.name(27));
        assertEquals("EBADF", Errno.name(8));
        assertEquals("EINVAL", Errno.name(28));
        assertEquals("ENOTCAPABLE", Errno.name(76));
        assertEquals("errno 77", Errno.name(77));
        assertEquals("No such file or directory", Errno.describe(Errno.ENOENT));
    }

    @Test
    void exceptionsCarryOperationAndErrno() {
        BpfException e = assertThrows(BpfException.class, () -> BpfException.check(-Errno.EPERM, "attaching program x"));
        assertEquals("attaching program x: Operation not permitted", e.getMessage());
        assertEquals(Errno.EPERM, e.errno());
        assertEquals(7, BpfException.check(7, "polling"));
    }

    @Test
    void embeddedBytesJoinAndUnpackLowByteFirstAndCheckTheLength() {
        assertArrayEquals(new char[] {'\u457f', '\u00ff', '\u0001'}, EmbeddedBytes.chars(5, "\u457f\u00ff", "\u0001", "\u0002"));
        assertThrows(IllegalStateException.class, () -> EmbeddedBytes.chars(6, "\u457f"));
        assertArrayEquals(new byte[] {0x7f, 0x45, (byte) 0xff, 0x00, 0x01}, EmbeddedBytes.unpack(5, "\u457f\u00ff", "\u0001"));
        assertThrows(IllegalStateException.class, () -> EmbeddedBytes.unpack(6, "\u457f"));
    }
}
