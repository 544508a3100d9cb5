package org.wasmbpf.host.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class Log2HistogramTextTest {
    @Test
    void printsAsLibbpfToolsPrintLog2Hist() {
        assertEquals(List.of(
                "     usecs               : count    distribution",
                "         0 -> 1          : 4        |****************************************|",
                "         2 -> 3          : 0        |                                        |",
                "         4 -> 7          : 1        |**********                              |"),
                Log2HistogramText.lines(new long[] {4, 0, 1, 0, 0}, "usecs"));
    }

    @Test
    void anEmptyHistogramPrintsNothing() {
        assertEquals(List.of(), Log2HistogramText.lines(new long[] {0, 0}, "usecs"));
    }
}
