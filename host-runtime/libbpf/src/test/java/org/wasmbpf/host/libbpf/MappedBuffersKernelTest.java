package org.wasmbpf.host.libbpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.wasmbpf.host.libbpf.BpfObjectKernelTest.Event;
import org.wasmbpf.host.libbpf.testing.TestLibc;

/** The Java readers of ring and perf buffers against the kernel: wrap-around, ordering, unmapping. */
@Timeout(60)
class MappedBuffersKernelTest {
    /** Samples of 16 bytes take 24 in the ring: 6 rounds of 5000 go round the 256 KiB ring about 3 times. */
    private static final int ROUNDS = 6;
    private static final int PER_ROUND = 5000;

    @Test
    void samplesArriveWholeAndInOrderAcrossTheEndOfTheRing() throws Exception {
        try (BpfObject obj = BpfObjectKernelTest.openGetppid()) {
            obj.load();
            obj.attach("on_getppid", null);
            BufferConsumer ring = obj.openBufferConsumer(obj.mapFd("events_rb"));
            assertInstanceOf(MappedRingBufferConsumer.class, ring);
            long[] next = {1};
            produceAndDrain(ring, s -> {
                assertEquals(16, s.remaining());
                assertEquals(new Event(TestLibc.getpid(), next[0]), Event.decode(s));
                next[0]++;
                return 0;
            });
            assertEquals(0, ring.poll(0, s -> 1), "nothing is left");
        }
    }

    /**
     * A sink may leave the ring's samples in place until the consumer is about to release them:
     * it is told before every release, at least every {@link MappedBufferConsumer#RELEASE_EVERY_BYTES},
     * and the samples it holds are then still whole, at their places in the buffer it was given.
     */
    @Test
    void aSinkThatHoldsRingSamplesInPlaceIsToldBeforeEachRelease() throws Exception {
        try (BpfObject obj = BpfObjectKernelTest.openGetppid()) {
            obj.load();
            obj.attach("on_getppid", null);
            BufferConsumer ring = obj.openBufferConsumer(obj.mapFd("events_rb"));
            assertTrue(ring.samplesStayUntilRelease());
            List<Integer> held = new ArrayList<>();
            ByteBuffer[] source = new ByteBuffer[1];
            long[] next = {1};
            int[] releases = {0};
            int[] mostHeld = {0};
            SampleSink holding = new SampleSink() {
                @Override
                public int accept(ByteBuffer sample) {
                    source[0] = sample;
                    held.add(sample.position());
                    return 0;
                }

                @Override
                public void beforeRelease() {
                    releases[0]++;
                    mostHeld[0] = Math.max(mostHeld[0], held.size());
                    for (int at : held) {
                        ByteBuffer s = source[0].duplicate().clear().position(at).limit(at + 16);
                        assertEquals(new Event(TestLibc.getpid(), next[0]++), Event.decode(s));
                    }
                    held.clear();
                }
            };
            for (int i = 0; i < PER_ROUND; i++) {
                TestLibc.getppid();
            }
            int got = 0;
            while (got < PER_ROUND) {
                got += ring.poll(1000, holding);
            }
            assertEquals(PER_ROUND + 1, next[0], "every sample was checked at a release");
            assertTrue(releases[0] >= PER_ROUND * 24 / MappedBufferConsumer.RELEASE_EVERY_BYTES, "releases: " + releases[0]);
            assertTrue(mostHeld[0] <= MappedBufferConsumer.RELEASE_EVERY_BYTES / 24 + 1, "held at most " + mostHeld[0]);
        }
    }

    /** The reader of rings too large to map, through libbpf's per-sample callback, on a ring of the usual size. */
    @Test
    void libbpfsCallbackReaderDeliversTheSameSamples() throws Exception {
        try (BpfObject obj = BpfObjectKernelTest.openGetppid()) {
            obj.load();
            obj.attach("on_getppid", null);
            int fd = obj.mapFd("events_rb");
            try (BufferConsumer ring = new LibbpfRingBufferConsumer(fd, obj.findMap("events_rb").orElseThrow().maxEntries())) {
                long[] next = {1};
                produceAndDrain(ring, s -> {
                    assertEquals(new Event(TestLibc.getpid(), next[0]), Event.decode(s));
                    next[0]++;
                    return 0;
                });
                assertEquals(0, ring.poll(0, s -> 1), "nothing is left");
            }
        }
    }

    @Test
    void perfRecordsThatWrapAroundTheirRingArriveWhole() throws Exception {
        try (BpfObject obj = BpfObjectKernelTest.openGetppid()) {
            obj.load();
            obj.attach("on_getppid", null);
            BufferConsumer perf = obj.openBufferConsumer(obj.mapFd("odd_pb"));
            assertInstanceOf(MappedPerfBufferConsumer.class, perf);
            BitSet seen = new BitSet();
            produceAndDrain(perf, s -> {
                // sizeof(struct odd_event) is 32; the kernel pads raw data so the 48-byte record stays 8-aligned
                assertEquals(36, s.remaining(), "the raw size as perf reports it");
                Event e = Event.decode(s);
                assertEquals(TestLibc.getpid(), e.tgid());
                for (int b = 16; b < 28; b++) {
                    assertEquals((byte) 0xab, s.get(s.position() + b), "byte " + b + " of sample " + e.count());
                }
                assertTrue(!seen.get((int) e.count()), "sample " + e.count() + " twice");
                seen.set((int) e.count());
                return 0;
            });
            assertEquals(ROUNDS * PER_ROUND, seen.cardinality());
            assertEquals(1, seen.nextSetBit(0));
            assertEquals(0, perf.lostSamples());
        }
    }

    /** {@link #ROUNDS} times: {@link #PER_ROUND} getppid() calls, then polls until their samples have all passed {@code check}. */
    private static void produceAndDrain(BufferConsumer consumer, SampleSink check) {
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < PER_ROUND; i++) {
                TestLibc.getppid();
            }
            int got = 0;
            while (got < PER_ROUND) {
                int n = consumer.poll(1000, check);
                assertTrue(n > 0, "round " + round + ": poll returned " + n + " after " + got + " samples");
                got += n;
            }
            assertEquals(PER_ROUND, got);
        }
    }

    @Test
    void closingTheConsumerUnmapsTheRing() throws Exception {
        int before = ringMappings();
        try (BpfObject obj = BpfObjectKernelTest.openGetppid()) {
            obj.load();
            BufferConsumer ring = obj.openBufferConsumer(obj.mapFd("events_rb"));
            assertEquals(before + 2, ringMappings(), "the consumer page and the producer page with the data");
            ring.close();
            assertEquals(before, ringMappings());
        }
    }

    private static int ringMappings() throws IOException {
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return (int) lines.filter(l -> l.endsWith("anon_inode:bpf-map")).count();
        }
    }
}
