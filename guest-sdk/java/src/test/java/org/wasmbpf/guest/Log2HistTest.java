package org.wasmbpf.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The expected texts are what guest-sdk/c/trace_helpers.h, compiled natively, prints for the same slots. */
class Log2HistTest {
    @Test
    void printsNothingWhenEverySlotIsEmpty() {
        assertEquals("", Log2Hist.format(new int[26], 26, "usecs"));
    }

    @Test
    void printsSlotsUpToTheLastNonEmptyOneWithBarsScaledToTheLargest() {
        int[] slots = new int[26];
        slots[0] = 1;
        slots[2] = 4;
        slots[3] = 2;
        String expected = ""
                + "     usecs               : count    distribution\n"
                + "         0 -> 1          : 1        |**********                              |\n"
                + "         2 -> 3          : 0        |                                        |\n"
                + "         4 -> 7          : 4        |****************************************|\n"
                + "         8 -> 15         : 2        |********************                    |\n";
        assertEquals(expected, Log2Hist.format(slots, slots.length, "usecs"));
    }

    @Test
    void treatsCountsAsUnsigned() {
        int[] slots = {-1, 1};
        String text = Log2Hist.format(slots, 2, "x");
        assertEquals("         0 -> 1          : 4294967295 |****************************************|",
                text.split("\n")[1]);
        assertEquals("         2 -> 3          : 1        |                                        |",
                text.split("\n")[2]);
    }

    @Test
    void widensNumbersAndShortensBarsPastSlot32() {
        int[] slots = new int[64];
        slots[63] = 3;
        String[] lines = Log2Hist.format(slots, 64, "nsecs").split("\n");
        assertEquals(65, lines.length);
        assertEquals("               nsecs                         : count    distribution", lines[0]);
        assertEquals(" 9223372036854775808 -> 18446744073709551615 : 3        |********************|", lines[64]);
    }
}
