package org.wasmbpf.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WholeNumberTest {
    private static final WholeNumber PID = new WholeNumber("PID", 1, Integer.MAX_VALUE);
    private static final WholeNumber MS = new WholeNumber("duration", 0, Long.MAX_VALUE / 1_000_000L)
            .expected("milliseconds, 0 or more");

    @Test
    void readsWhatStrtolReads() {
        assertEquals(185, PID.parse("185"));
        assertEquals(7, PID.parse("+7"));
        assertEquals(7, PID.parse(" \t7"));
        assertEquals(7, PID.parse("007"));
        assertEquals(0, MS.parse("-0"));
        assertEquals(Integer.MAX_VALUE, PID.parse("2147483647"));
        assertEquals(9223372036854L, MS.parse("9223372036854"));
    }

    @Test
    void rejectsWhatIsNotANumber() {
        for (String bad : new String[] {"", " ", "abc", "5x", "5 ", "-", "+", "--5", "0x10", "1e3", "1.5",
                "\u0665", "1\u0665"}) {
            assertEquals("invalid PID '" + bad + "': expected a whole number from 1 to 2147483647",
                    message(PID, bad), "'" + bad + "'");
        }
    }

    @Test
    void rejectsNumbersOutsideTheRange() {
        assertEquals("invalid PID '0': expected a whole number from 1 to 2147483647", message(PID, "0"));
        assertEquals("invalid PID '-5': expected a whole number from 1 to 2147483647", message(PID, "-5"));
        assertEquals("invalid PID '2147483648': expected a whole number from 1 to 2147483647",
                message(PID, "2147483648"));
        assertEquals("invalid duration '-1': expected milliseconds, 0 or more", message(MS, "-1"));
        assertEquals("invalid duration '9223372036855': expected milliseconds, 0 or more",
                message(MS, "9223372036855"));
    }

    @Test
    void rejectsNumbersBeyondLong() {
        WholeNumber any = new WholeNumber("n", Long.MIN_VALUE, Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, any.parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, any.parse("-9223372036854775808"));
        assertEquals("invalid n '9223372036854775808': expected a whole number from -9223372036854775808 to "
                + "9223372036854775807", message(any, "9223372036854775808"));
        assertThrows(Args.UsageException.class, () -> any.parse("-9223372036854775809"));
        assertThrows(Args.UsageException.class, () -> any.parse("99999999999999999999999"));
    }

    @Test
    void anEmptyRangeIsAMistakeOfTheTool() {
        assertThrows(IllegalArgumentException.class, () -> new WholeNumber("n", 2, 1));
    }

    private static String message(WholeNumber type, String text) {
        return assertThrows(Args.UsageException.class, () -> type.parse(text)).getMessage();
    }
}
