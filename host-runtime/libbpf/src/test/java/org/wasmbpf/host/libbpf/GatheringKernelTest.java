package org.wasmbpf.host.libbpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wasmbpf.host.libbpf.testing.TestBpfObjects;
import org.wasmbpf.host.libbpf.testing.TestLibc;

/**
 * A poll after one that delivered samples lets the stream gather for the consumer's gather
 * time before it reads; with 0 (the CLI's --low-latency) it reads what is there at once.
 */
class GatheringKernelTest {
    private static final long GATHER_NANOS = 200_000_000;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"events_rb", "events_pb"})
    void aStreamingPollWaitsTheGatherTimeUnlessItIsZero(String map) throws Exception {
        assertTrue(pollAfterDeliveryMillis(map, GATHER_NANOS) >= GATHER_NANOS / 1_000_000, "gathered");
        long ms = pollAfterDeliveryMillis(map, 0);
        assertTrue(ms < GATHER_NANOS / 1_000_000, "read at once without gathering: " + ms + " ms");
    }

    /** How long a poll takes that finds a sample waiting right after a poll that delivered one. */
    private static long pollAfterDeliveryMillis(String map, long gatherNanos) throws Exception {
        byte[] elf = TestBpfObjects.compile("getppid");
        TestBpfObjects.patchU32(elf, ".rodata", 0, TestLibc.getpid());
        try (BpfObject obj = BpfObject.open(elf, "getppid")) {
            obj.load();
            obj.attach("on_getppid", null);
            BufferConsumer consumer = obj.openBufferConsumer(obj.mapFd(map));
            consumer.gatherFor(gatherNanos);
            TestLibc.getppid();
            assertEquals(1, consumer.poll(1000, s -> 0), "the first sample wakes the consumer");
            TestLibc.getppid();
            long start = System.nanoTime();
            assertEquals(1, consumer.poll(5000, s -> 0));
            return (System.nanoTime() - start) / 1_000_000;
        }
    }
}
