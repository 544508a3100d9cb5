package org.wasmbpf.host.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wasmbpf.host.imports.GetppidPoll.DATA_AT;
import static org.wasmbpf.host.imports.GetppidPoll.EVENT_SIZE;
import static org.wasmbpf.host.imports.GetppidPoll.getppid;
import static org.wasmbpf.host.imports.GetppidSamples.le;
import static org.wasmbpf.host.imports.GetppidSamples.range;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wasmbpf.host.FakeGuest;
import org.wasmbpf.host.FakeGuestMemory;
import org.wasmbpf.host.spi.InGuestDelivery;

/**
 * The host's side of {@link InGuestDelivery} through the real buffer poll: {@link #wrapperPoll}
 * does in Java what the Wasmtime rewriter's poll wrapper does in Wasm (stage, deliver in the
 * guest, report back when it must), and the getppid test object fires on this JVM's getppid()
 * calls. Nothing is delivered by the host itself: the fake guest's own callbacks stay unused.
 */
class InGuestPollKernelTest {
    /** Big enough that samples read straight from the ring are staged in runs (GuestSampleStager.RUNS_MIN_BUFFER). */
    private static final int BIG_BUFFER = GuestSampleStager.RUNS_MIN_BUFFER;
    private final GetppidPoll rig = new GetppidPoll(new FakeGuest(1 << 20, true).deliveringStagedSamples());
    private final FakeGuestMemory memory = rig.guest.memory;
    /** The call count of each sample the wrapper handed its callback, in order. */
    private final List<Long> delivered = new ArrayList<>();
    private int lone;
    private int batches;
    private int reports;

    @AfterEach
    void closeEverything() {
        rig.close();
    }

    @ParameterizedTest(name = "{0}-byte buffer")
    @ValueSource(ints = {4096, BIG_BUFFER})
    void aPollThatFitsIsOneBatchWithNoReportBack(int buffer) throws Exception {
        rig.loadAttached();
        int rb = rig.fd("events_rb");
        getppid(100);
        assertEquals(100, wrapperPoll(rb, buffer, 1000, i -> 0));
        assertEquals(range(1, 100), delivered);
        assertEquals(1, batches);
        assertEquals(0, reports, "the last batch carries the poll's result");
        assertEquals(100, rig.state.stats().samplesDelivered());
        assertEquals(0, wrapperPoll(rb, buffer, 0, i -> 0), "the next poll settles the batch and finds nothing");
        assertEquals(100, rig.state.stats().samplesDelivered());
        assertTrue(rig.guest.calls.isEmpty(), "the host never called the guest");
    }

    @ParameterizedTest(name = "{0}-byte buffer")
    @ValueSource(ints = {4096, BIG_BUFFER})
    void aStoppingCallbackLeavesTheRestForTheNextPollAndCountsEachSampleOnce(int buffer) throws Exception {
        rig.loadAttached();
        int rb = rig.fd("events_rb");
        getppid(100);
        assertEquals(7, wrapperPoll(rb, buffer, 1000, i -> delivered.size() == 30 ? 7 : 0));
        assertEquals(range(1, 30), delivered);
        assertEquals(70, wrapperPoll(rb, buffer, 1000, i -> 0), "the next poll delivers the other 70");
        assertEquals(range(1, 100), delivered);
        assertEquals(100, rig.state.stats().samplesDelivered());
    }

    @ParameterizedTest(name = "{0}-byte buffer")
    @ValueSource(ints = {4096, BIG_BUFFER})
    void samplesAStopLeftInAStagedBatchAreCountedOnceWhenAPlainPollDeliversThem(int buffer) throws Exception {
        rig.loadAttached();
        int rb = rig.fd("events_rb");
        getppid(100);
        assertEquals(7, wrapperPoll(rb, buffer, 1000, i -> delivered.size() == 30 ? 7 : 0));
        assertEquals(70, rig.poll(rb, buffer, 1000), "a poll not through the wrapper: the host delivers the rest");
        assertEquals(70, rig.guest.calls.size());
        assertEquals(100, rig.state.stats().samplesDelivered());
    }

    @Test
    void smallBuffersGetSmallBatchesAndLoneSamplesAndLoseNothing() throws Exception {
        rig.loadAttached();
        int rb = rig.fd("events_rb");
        getppid(60);
        // Room for 4 samples and their records. Read straight into guest memory, the 5th does not
        // fit and goes to the host's queue, then alone in a batch of its own: 24 batches, each
        // reported back (the read was cut short, so none can be the poll's last).
        assertEquals(60, wrapperPoll(rb, EVENT_SIZE * 4 + InGuestDelivery.HEADER + InGuestDelivery.RECORD * 4, 1000, i -> 0));
        assertEquals(range(1, 60), delivered);
        assertEquals(24, batches);
        assertEquals(24, reports);
        getppid(20);
        // too small for one sample beside a header and a record: each sample alone, each reported
        assertEquals(20, wrapperPoll(rb, EVENT_SIZE + InGuestDelivery.HEADER, 1000, i -> 0));
        assertEquals(range(1, 80), delivered);
        assertEquals(20, lone);
        assertEquals(80, rig.state.stats().samplesDelivered());
    }

    @Test
    void perfBufferSamplesToo() throws Exception {
        rig.loadAttached();
        int pb = rig.fd("events_pb");
        assertEquals(0, wrapperPoll(pb, 4096, 0, i -> 0), "the first poll opens the perf consumer");
        getppid(50);
        assertEquals(5, wrapperPoll(pb, 4096, 1000, i -> delivered.size() == 20 ? 5 : 0));
        assertEquals(30, wrapperPoll(pb, 4096, 1000, i -> 0), "the rest, once each");
        assertEquals(range(1, 50), delivered);
        assertEquals(50, rig.state.stats().samplesDelivered());
    }

    @Test
    void morePendingSamplesThanABatchHoldsAreAllDeliveredByOnePoll() throws Exception {
        rig.loadAttached();
        int rb = rig.fd("events_rb");
        getppid(5000);
        assertEquals(5000, wrapperPoll(rb, 1 << 19, 1000, i -> 0));
        assertEquals(range(1, 5000), delivered);
        assertTrue(batches >= 2, "the host reads at most " + 4096 + " samples at a time: " + batches);
    }

    @Test
    void pollingTheSameBufferFromItsOwnCallbackIsEbusyAndLosesNothing() throws Exception {
        rig.loadAttached();
        int rb = rig.fd("events_rb");
        getppid(10);
        List<Integer> nested = new ArrayList<>();
        assertEquals(10, wrapperPoll(rb, 4096, 1000, i -> {
            if (delivered.size() == 5) {
                nested.add(rig.poll(rb, 4096 | InGuestDelivery.STAGE, 0));
                nested.add(rig.poll(rb, 4096, 0));
            }
            return 0;
        }));
        assertEquals(List.of(-WasiErrno.EBUSY, -WasiErrno.EBUSY), nested);
        getppid(5);
        assertEquals(5, wrapperPoll(rb, 4096, 1000, i -> 0));
        assertEquals(range(1, 15), delivered);
    }

    @Test
    void aReportWithNothingStagedOrAnImpossibleCountIsEinval() throws Exception {
        rig.loadAttached();
        int rb = rig.fd("events_rb");
        int report = InGuestDelivery.STAGE | InGuestDelivery.REPORT;
        assertEquals(-WasiErrno.EINVAL, rig.poll(rb, 4096 | report, 0), "nothing staged");
        getppid(3);
        int code = rig.poll(rb, 4096 | InGuestDelivery.STAGE, 1000);
        int header = DATA_AT + (code & Integer.MAX_VALUE) - InGuestDelivery.MAX_SIZE_LIMIT;
        memory.writeI32(header + InGuestDelivery.RAN, 9);
        assertEquals(-WasiErrno.EINVAL, rig.poll(rb, 4096 | report, 0), "9 of 3 ran");
        memory.writeI32(header + InGuestDelivery.RAN, 2);
        assertEquals(-WasiErrno.EINVAL, rig.poll(rb, 4096 | report, 0), "2 of 3 ran, yet no callback stopped");
    }

    @Test
    void aGuestWhosePollsAreNotWrappedGetsNoStagingFromANegativeMaxSize() throws Exception {
        try (GetppidPoll plain = new GetppidPoll(new FakeGuest(1 << 20, true))) {
            plain.loadAttached();
            int rb = plain.fd("events_rb");
            getppid(3);
            assertEquals(-WasiErrno.EFAULT, plain.poll(rb, 4096 | InGuestDelivery.STAGE, 100));
            assertEquals(3, plain.poll(rb, 4096, 1000), "nothing was staged, nothing lost");
            assertEquals(3, plain.guest.calls.size());
        }
    }

    /** The rewriter's poll wrapper, in Java; {@code callback} gets the sample's index in the batch. */
    private int wrapperPoll(int fd, int maxSize, int timeoutMs, IntUnaryOperator callback) {
        int r = rig.poll(fd, maxSize | InGuestDelivery.STAGE, timeoutMs);
        while (true) {
            if (r >= InGuestDelivery.RESULT_MIN) {
                return r;
            }
            int x = r & Integer.MAX_VALUE;
            int res;
            if (x < InGuestDelivery.MAX_SIZE_LIMIT) {
                lone++;
                res = call(callback, 0, x);
            } else {
                batches++;
                int batch = DATA_AT + x - InGuestDelivery.MAX_SIZE_LIMIT;
                int fin = memory.readI32(batch + InGuestDelivery.FINAL);
                int count = memory.readI32(batch + InGuestDelivery.COUNT);
                res = 0;
                int i = 0;
                while (i < count && res == 0) {
                    int rec = batch + InGuestDelivery.HEADER + InGuestDelivery.RECORD * i;
                    int size = memory.readI32(rec + 4);
                    System.arraycopy(memory.raw(), memory.readI32(rec), memory.raw(), DATA_AT, size);
                    i++;
                    res = call(callback, i - 1, size);
                }
                memory.writeI32(batch + InGuestDelivery.RAN, i);
                if (res == 0 && fin >= 0) {
                    return fin;
                }
            }
            reports++;
            r = rig.poll(fd, maxSize | InGuestDelivery.STAGE | InGuestDelivery.REPORT, res);
            if (res != 0) {
                return res;
            }
        }
    }

    private int call(IntUnaryOperator callback, int index, int size) {
        assertTrue(size >= EVENT_SIZE, "a whole event (a perf sample comes padded): " + size);
        delivered.add(le(Arrays.copyOfRange(memory.raw(), DATA_AT, DATA_AT + size)).getLong(8));
        return callback.applyAsInt(index);
    }
}
