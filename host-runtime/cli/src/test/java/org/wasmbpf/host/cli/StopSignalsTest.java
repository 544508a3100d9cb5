package org.wasmbpf.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StopSignalsTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger stops = new AtomicInteger();
    private final StopSignals signals = new StopSignals(stops::incrementAndGet, now::get);

    @Test
    void theSameSignalTwiceWithinTheWindowIsOneStopRequest() {
        signals.received();
        now.addAndGet(50_000); // timeout(1): child, then the process group, microseconds apart
        signals.received();
        assertEquals(1, stops.get());
    }

    @Test
    void aSignalAfterTheWindowIsASecondRequest() {
        signals.received();
        now.addAndGet(StopSignals.REPEAT_WINDOW.toNanos());
        signals.received();
        assertEquals(2, stops.get());
    }

    @Test
    void theWindowRunsFromTheLastForwardedSignalNotTheLastReceived() {
        signals.received();
        now.addAndGet(StopSignals.REPEAT_WINDOW.toNanos() - 1);
        signals.received(); // dropped
        now.addAndGet(1);
        signals.received(); // a full window after the first: forwarded
        assertEquals(2, stops.get());
    }
}
