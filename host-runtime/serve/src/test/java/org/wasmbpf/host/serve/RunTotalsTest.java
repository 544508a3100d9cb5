package org.wasmbpf.host.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.wasmbpf.host.GuestStats;

class RunTotalsTest {
    private final RunTotals totals = new RunTotals();

    @Test
    void whatAReplacedGuestDeliversWhileItStopsCountsAndNothingTwice() {
        GuestStats first = new GuestStats();
        totals.started(first);
        first.delivered(5, 50);
        GuestStats second = new GuestStats();
        totals.started(second); // a hot update: the first guest is still stopping
        first.delivered(3, 30);
        first.lost(2);
        second.delivered(4, 40);
        assertEquals(12, totals.samplesDelivered());
        totals.ended(first);
        assertEquals(12, totals.samplesDelivered(), "folded in once it exited, not lost and not doubled");
        assertEquals(120, totals.callbackNanos());
        assertEquals(2, totals.samplesLost());
        totals.ended(first);
        second.delivered(1, 10);
        assertEquals(13, totals.samplesDelivered(), "a second end of the same guest changes nothing");
        totals.ended(second);
        assertEquals(13, totals.samplesDelivered());
    }
}
