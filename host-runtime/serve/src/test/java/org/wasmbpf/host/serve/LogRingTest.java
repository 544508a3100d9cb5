package org.wasmbpf.host.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogRingTest {
    @Test
    void keepsTheLastLinesAndTellsAFollowerWhereItResumes() throws Exception {
        LogRing ring = new LogRing(3);
        for (int i = 0; i < 5; i++) {
            ring.add("l" + i);
        }
        LogRing.Slice all = ring.after(0, 0);
        assertEquals(2, all.first(), "two lines dropped");
        assertEquals(List.of("l2", "l3", "l4"), all.lines());
        assertEquals(5, all.next());
        LogRing.Slice rest = ring.after(4, 0);
        assertEquals(List.of("l4"), rest.lines());
        assertFalse(rest.ended());
    }

    @Test
    void aFollowerWakesForANewLineAndStopsWaitingOnceTheLogEnds() throws Exception {
        LogRing ring = new LogRing(10);
        Thread writer = new Thread(() -> {
            sleep(100);
            ring.add("late");
            sleep(100);
            ring.end();
        });
        writer.start();
        long t0 = System.nanoTime();
        assertEquals(List.of("late"), ring.after(0, 10_000).lines());
        LogRing.Slice end = ring.after(1, 10_000);
        assertTrue(end.ended() && end.lines().isEmpty());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "woken, not timed out");
        writer.join();
        ring.reopen();
        assertFalse(ring.ended());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
