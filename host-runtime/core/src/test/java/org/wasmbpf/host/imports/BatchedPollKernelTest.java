package org.wasmbpf.host.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wasmbpf.host.imports.GetppidPoll.CTX;
import static org.wasmbpf.host.imports.GetppidPoll.DATA_AT;
import static org.wasmbpf.host.imports.GetppidPoll.EVENT_SIZE;
import static org.wasmbpf.host.imports.GetppidPoll.TABLE_INDEX;
import static org.wasmbpf.host.imports.GetppidPoll.getppid;
import static org.wasmbpf.host.imports.GetppidSamples.counts;
import static org.wasmbpf.host.imports.GetppidSamples.le;
import static org.wasmbpf.host.imports.GetppidSamples.range;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wasmbpf.host.FakeGuest;
import org.wasmbpf.host.bpf.GuestBpfObjects;
import org.wasmbpf.host.libbpf.testing.TestLibc;

/**
 * Batched delivery through the real buffer poll: the getppid test object fires on this JVM's
 * getppid() calls, and the fake guest records each batch the host hands it (its
 * {@code deliverSamples} calls) as well as each callback.
 */
class BatchedPollKernelTest {
    private final GetppidPoll rig = new GetppidPoll(new FakeGuest(1 << 20, true));
    private final FakeGuest guest = rig.guest;

    @AfterEach
    void closeEverything() {
        rig.close();
    }

    @Test
    void theSamplesOfOneRingBufferPollComeInOneBatchInOrder() throws Exception {
        rig.loadAttached();
        int rb = rig.fd("events_rb");
        getppid(100);
        assertEquals(100, rig.poll(rb, 64, 1000));
        assertEquals(List.of(100), guest.batches);
        assertEquals(range(1, 100), counts(guest.calls));
        for (FakeGuest.Call c : guest.calls) {
            assertEquals(TABLE_INDEX, c.table());
            assertEquals(CTX, c.ctx());
            assertEquals(DATA_AT, c.data());
            assertEquals(EVENT_SIZE, c.size());
            assertEquals(TestLibc.getpid(), le(c.bytes()).getInt(0));
        }
    }

    @Test
    void theSamplesOfOnePerfBufferPollComeInOneBatch() throws Exception {
        rig.loadAttached();
        int pb = rig.fd("events_pb");
        assertEquals(0, rig.poll(pb, 64, 0), "the first poll opens the perf consumer");
        getppid(50);
        assertEquals(50, rig.poll(pb, 64, 1000));
        assertEquals(List.of(50), guest.batches, "an empty poll hands over no batch");
        // One ring per CPU: the thread may have moved between CPUs, so only the set is ordered.
        assertEquals(range(1, 50), counts(guest.calls).stream().sorted().toList());
    }

    @Test
    void aStopMidBatchIsReturnedAndTheRestComeFirstInTheNextPoll() throws Exception {
        rig.loadAttached();
        int rb = rig.fd("events_rb");
        getppid(10);
        guest.callbackReturns(() -> guest.calls.size() == 4 ? 42 : 0);
        assertEquals(42, rig.poll(rb, 64, 1000));
        assertEquals(range(1, 4), counts(guest.calls));
        getppid(2);
        assertEquals(8, rig.poll(rb, 64, 1000));
        assertEquals(range(1, 12), counts(guest.calls), "the 6 held back, then the 2 new ones");
        assertEquals(List.of(10, 8), guest.batches, "held-back samples and new ones go together");
        assertEquals(12, rig.state.stats().samplesDelivered(), "each delivered sample counted once");
    }

    @Test
    void perfSamplesHeldBackByAStopAreNotLost() throws Exception {
        rig.loadAttached();
        int pb = rig.fd("events_pb");
        assertEquals(0, rig.poll(pb, 64, 0));
        getppid(20);
        guest.callbackReturns(() -> guest.calls.size() == 1 ? -7 : 0);
        assertEquals(-7, rig.poll(pb, 64, 1000), "a negative stop result is returned untranslated");
        assertEquals(19, rig.poll(pb, 64, 1000));
        assertEquals(range(1, 20), counts(guest.calls).stream().sorted().toList());
    }

    @Test
    void aCallbackResultEqualToLinuxEintrStillEndsThePoll() throws Exception {
        rig.loadAttached();
        int rb = rig.fd("events_rb");
        getppid(3);
        guest.callbackReturns(() -> -4);
        long start = System.nanoTime();
        assertEquals(-4, rig.poll(rb, 64, 3000));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 1500, "returned at once, not at the timeout");
        assertEquals(1, guest.calls.size());
    }

    @Test
    void everySampleOfABatchIsTruncatedToMaxSizeAndReportsTheCopiedSize() throws Exception {
        rig.loadAttached();
        int rb = rig.fd("events_rb");
        Arrays.fill(guest.memory.raw(), DATA_AT, DATA_AT + 64, (byte) 0x5A);
        getppid(5);
        assertEquals(5, rig.poll(rb, 6, 1000));
        assertEquals(List.of(5), guest.batches);
        byte[] tgid = le(new byte[4]).putInt(0, TestLibc.getpid()).array();
        for (FakeGuest.Call c : guest.calls) {
            assertEquals(6, c.size());
            assertArrayEquals(tgid, Arrays.copyOf(c.bytes(), 4));
        }
        assertEquals((byte) 0x5A, guest.memory.raw()[DATA_AT + 6], "nothing written past max_size");
    }

    @Test
    void aSampleHeldBackIsKeptWholeForALaterPollWithALargerBuffer() throws Exception {
        rig.loadAttached();
        int rb = rig.fd("events_rb");
        getppid(2);
        guest.callbackReturns(() -> 42);
        assertEquals(42, rig.poll(rb, 6, 1000));
        assertEquals(6, guest.calls.get(0).size());
        guest.callbackReturns(() -> 0);
        assertEquals(1, rig.poll(rb, 64, 1000));
        FakeGuest.Call second = guest.calls.get(1);
        assertEquals(EVENT_SIZE, second.size());
        assertEquals(2, le(second.bytes()).getLong(8));
    }

    @Test
    void moreSamplesThanOneBatchHoldsAreAllDeliveredByOnePoll() throws Exception {
        rig.loadAttached();
        int rb = rig.fd("events_rb");
        int n = GuestBpfObjects.MAX_BATCH_SAMPLES + 900;
        getppid(n);
        assertEquals(n, rig.poll(rb, 64, 1000));
        assertEquals(List.of(GuestBpfObjects.MAX_BATCH_SAMPLES, 900), guest.batches);
        assertEquals(range(1, n), counts(guest.calls));
    }

    @Test
    void pollingTheSameBufferFromItsOwnCallbackIsEbusyAndLosesNothing() throws Exception {
        rig.loadAttached();
        int rb = rig.fd("events_rb");
        int pb = rig.fd("events_pb");
        assertEquals(0, rig.poll(pb, 64, 0));
        getppid(3);
        List<Integer> nested = new ArrayList<>();
        guest.duringCallback(() -> {
            if (nested.isEmpty()) {
                nested.add(rig.poll(rb, 64, 0));
                nested.add(rig.poll(pb, 128, 0));
            }
        });
        assertEquals(3, rig.poll(rb, 64, 1000));
        assertEquals(-WasiErrno.EBUSY, nested.get(0));
        assertTrue(nested.get(1) >= 1, "another buffer may be polled from a callback: " + nested.get(1));
        guest.duringCallback(() -> {});
        long ringCalls = guest.calls.stream().filter(c -> c.size() == EVENT_SIZE).count();
        assertEquals(3, ringCalls, "each ring sample exactly once");
    }

}
