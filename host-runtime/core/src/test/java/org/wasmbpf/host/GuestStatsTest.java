package org.wasmbpf.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GuestStatsTest {
    @Test
    void countsAddUpAndMemoryIsInWasmPages() {
        GuestStats s = new GuestStats();
        s.delivered(3, 1_000);
        s.delivered(2, 500);
        s.lost(4);
        s.lost(0);
        s.memorySize(3 * 65536);
        assertEquals(5, s.samplesDelivered());
        assertEquals(1_500, s.callbackNanos());
        assertEquals(4, s.samplesLost());
        assertEquals(3, s.memoryPages());
    }
}
