package org.wasmbpf.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.wasmbpf.guest.teavm.Concat;

/** The SDK's replacements for class-library code must give the class library's results. */
class TextAndUtf8Test {
    private static final long[] NUMBERS = {0, 1, -1, 9, 10, -10, 99, 12345, Integer.MAX_VALUE,
        Integer.MIN_VALUE, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, -999_999_999_999L};

    @Test
    void decimalsAreLongToString() {
        for (long n : NUMBERS) {
            assertEquals(Long.toString(n), Text.decimal(n));
            assertEquals(Long.toUnsignedString(n), Text.unsignedDecimal(n));
        }
        assertEquals("18446744073709551615", Text.unsignedDecimal(-1));
    }

    @Test
    void lineColumnsAreThoseOfPrintf() {
        Line line = new Line().left("ab", 5).add("|").right(42, 6).add("|").left(-7, 3).add("|").right("toolong", 3);
        assertEquals("ab   |    42|-7 |toolong", line.toString());
        assertEquals("", line.clear().toString());
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            line.add("x");
            expected.append('x');
        }
        assertEquals(expected.toString(), line.toString(), "grows past its first capacity");
    }

    @Test
    void encodingIsTheJdksUtf8() {
        for (String s : new String[] {"", "plain ascii", "é", "€uro", "\uD83D\uDE00 smile", "lone \uD800 high",
                "lone \uDC00 low", "end \uD83D"}) {
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), Utf8.encode(s, false), s);
        }
        assertArrayEquals(new byte[] {'a', (byte) 0xC3, (byte) 0xA9, 0}, Utf8.encode("aé", true));
    }

    @Test
    void concatenationTreatsNullAsJavaDoes() {
        assertEquals("a1null", Concat.of("a", "1", null, ""));
    }
}
