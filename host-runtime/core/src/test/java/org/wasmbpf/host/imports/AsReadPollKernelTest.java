package org.wasmbpf.host.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wasmbpf.host.imports.GetppidPoll.CTX;
import static org.wasmbpf.host.imports.GetppidPoll.DATA_AT;
import static org.wasmbpf.host.imports.GetppidPoll.EVENT_SIZE;
import static org.wasmbpf.host.imports.GetppidPoll.TABLE_INDEX;
import static org.wasmbpf.host.imports.GetppidPoll.getppid;
import static org.wasmbpf.host.imports.GetppidSamples.counts;
import static org.wasmbpf.host.imports.GetppidSamples.le;
import static org.wasmbpf.host.imports.GetppidSamples.range;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wasmbpf.host.FakeGuest;
import org.wasmbpf.host.libbpf.testing.TestLibc;

/**
 * The real buffer poll with a guest that takes samples as the buffer is read (Chicory's way,
 * {@link org.wasmbpf.host.spi.GuestInstance#sampleSink}): nothing is staged, yet every sample
 * arrives once, in order, and a stop or a failure in a callback leaves the rest in the kernel's
 * buffer for the next poll. The getppid test object fires on this JVM's getppid() calls.
 */
class AsReadPollKernelTest {
    private final GetppidPoll rig = new GetppidPoll(new FakeGuest(1 << 20, true).takeSamplesAsRead());
    private final FakeGuest guest = rig.guest;

    @AfterEach
    void closeEverything() {
        rig.close();
    }

    @Test
    void ringSamplesArriveInOrderWithNoBatch() throws Exception {
        rig.loadAttached();
        int rb = rig.fd("events_rb");
        getppid(5000);
        assertEquals(5000, rig.poll(rb, 64, 1000));
        assertEquals(List.of(), guest.batches, "nothing staged");
        assertEquals(5000, guest.takenAsRead);
        assertEquals(range(1, 5000), counts(guest.calls));
        FakeGuest.Call first = guest.calls.get(0);
        assertEquals(List.of(TABLE_INDEX, CTX, DATA_AT, EVENT_SIZE), List.of(first.table(), first.ctx(), first.data(), first.size()));
        assertEquals(TestLibc.getpid(), le(first.bytes()).getInt(0));
        assertEquals(5000, rig.state.stats().samplesDelivered(), "counted for the guest's stats");
    }

    @Test
    void perfSamplesArriveWithNoBatch() throws Exception {
        rig.loadAttached();
        int pb = rig.fd("events_pb");
        assertEquals(0, rig.poll(pb, 64, 0), "the first poll opens the perf consumer");
        getppid(50);
        assertEquals(50, rig.poll(pb, 64, 1000));
        assertEquals(List.of(), guest.batches);
        assertEquals(range(1, 50), counts(guest.calls).stream().sorted().toList());
    }

    @Test
    void aStopLeavesTheRestInTheRingForTheNextPoll() throws Exception {
        rig.loadAttached();
        int rb = rig.fd("events_rb");
        getppid(10);
        guest.callbackReturns(() -> guest.calls.size() == 4 ? 42 : 0);
        assertEquals(42, rig.poll(rb, 64, 1000));
        assertEquals(range(1, 4), counts(guest.calls));
        getppid(2);
        assertEquals(8, rig.poll(rb, 64, 1000));
        assertEquals(range(1, 12), counts(guest.calls), "the 6 left in the ring, then the 2 new ones");
    }

    @Test
    void aCallbackThatThrowsEndsThePollAndLosesNoOtherSample() throws Exception {
        rig.loadAttached();
        int rb = rig.fd("events_rb");
        getppid(10);
        guest.duringCallback(() -> {
            if (guest.calls.size() == 3) {
                throw new IllegalStateException("guest trapped");
            }
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> rig.poll(rb, 64, 1000));
        assertEquals("guest trapped", e.getMessage());
        guest.duringCallback(() -> {});
        assertEquals(7, rig.poll(rb, 64, 1000), "the failing sample is consumed, the 7 after it are not lost");
        assertEquals(range(1, 10), counts(guest.calls));
    }
}
