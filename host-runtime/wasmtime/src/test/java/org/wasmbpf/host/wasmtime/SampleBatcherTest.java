package org.wasmbpf.host.wasmtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasmbpf.host.FakeGuestMemory;
import org.wasmbpf.host.spi.InGuestDelivery;
import org.wasmbpf.host.spi.SampleDelivery;
import org.wasmbpf.host.testing.Samples;

/**
 * The host's half of batched delivery, without an engine: the trampoline's loop is played in
 * Java over a fake memory, as {@code TrampolineCode} emits it, so that the staging (slot, packed
 * samples, records), the split into batches and the count after a stop are checked exactly.
 * {@link SampleDeliveryTest} runs the real trampolines.
 */
class SampleBatcherTest {
    private static final int DATA = 4096;
    private static final byte CANARY = 0x5a;
    private static final int NO_STOP = -1;

    /** The trampoline's semantics in Java; the callback stops (42) at the sample numbered {@code stopAt}. */
    private static final class JavaTrampoline implements SampleBatcher.Calls {
        final FakeGuestMemory memory;
        final int stopAt;
        final List<byte[]> seen = new ArrayList<>();
        int batches;
        int singles;

        JavaTrampoline(FakeGuestMemory memory, int stopAt) {
            this.memory = memory;
            this.stopAt = stopAt;
        }

        @Override
        public int one(int ctx, int data, int size) {
            singles++;
            return callback(data, size);
        }

        @Override
        public int batch(int ctx, int data, int batch, int count) {
            batches++;
            for (int i = 0; i < count; ) {
                int record = batch + InGuestDelivery.HEADER + InGuestDelivery.RECORD * i;
                int size = memory.readI32(record + 4);
                System.arraycopy(memory.raw(), memory.readI32(record), memory.raw(), data, size); // memory.copy
                i++;
                int result = callback(data, size);
                if (result != 0) {
                    memory.writeI32(batch, i);
                    return result;
                }
            }
            memory.writeI32(batch, count);
            return 0;
        }

        private int callback(int data, int size) {
            byte[] sample = Arrays.copyOfRange(memory.raw(), data, data + size);
            seen.add(sample);
            return size >= 4 && memory.readI32(data) == stopAt ? 42 : 0;
        }
    }

    private record Run(SampleDelivery delivery, JavaTrampoline guest) {}

    private static Run deliver(List<byte[]> samples, int maxSize, int stopAt) {
        FakeGuestMemory memory = new FakeGuestMemory(DATA + maxSize + 4096);
        Arrays.fill(memory.raw(), CANARY);
        JavaTrampoline guest = new JavaTrampoline(memory, stopAt);
        SampleDelivery delivery = new SampleBatcher(() -> memory).deliver(guest, 7, DATA, maxSize, Samples.batch(samples));
        for (int at = 0; at < memory.raw().length; at++) {
            if (at < DATA || at >= DATA + maxSize) {
                assertEquals(CANARY, memory.raw()[at], "byte " + at + " is outside the poll buffer");
            }
        }
        return new Run(delivery, guest);
    }

    private static void assertSeen(List<byte[]> samples, int count, int maxSize, List<byte[]> seen) {
        assertEquals(count, seen.size());
        for (int i = 0; i < count; i++) {
            byte[] s = samples.get(i);
            assertArrayEquals(Arrays.copyOf(s, Math.min(s.length, maxSize)), seen.get(i), "sample " + i);
        }
    }

    @Test
    void manySamplesGoInOneBatchInOrder() {
        List<byte[]> samples = Samples.numbered(1000);
        Run run = deliver(samples, 256 * 1024, NO_STOP);
        assertEquals(new SampleDelivery(1000, 0), run.delivery());
        assertEquals(1, run.guest().batches);
        assertEquals(0, run.guest().singles);
        assertSeen(samples, 1000, 256 * 1024, run.guest().seen);
    }

    @Test
    void aLoneSampleIsSentWithAPlainCall() {
        List<byte[]> samples = Samples.numbered(1);
        Run run = deliver(samples, 1024, NO_STOP);
        assertEquals(new SampleDelivery(1, 0), run.delivery());
        assertEquals(0, run.guest().batches);
        assertEquals(1, run.guest().singles);
        assertSeen(samples, 1, 1024, run.guest().seen);
    }

    @Test
    void aSmallBufferSplitsTheBatchesStaysInsideTheBufferAndTruncates() {
        List<byte[]> samples = Samples.numbered(1000);
        samples.set(500, new byte[5000]); // larger than the buffer: truncated, sent alone
        Run run = deliver(samples, 1000, NO_STOP);
        assertEquals(new SampleDelivery(1000, 0), run.delivery());
        assertTrue(run.guest().batches > 10, run.guest().batches + " batches");
        assertTrue(run.guest().singles >= 1, "the oversized sample is sent alone");
        assertSeen(samples, 1000, 1000, run.guest().seen);
    }

    @Test
    void aStopInALaterBatchCountsTheEarlierBatches() {
        List<byte[]> samples = Samples.numbered(300);
        Run run = deliver(samples, 1000, 250);
        assertEquals(new SampleDelivery(251, 42), run.delivery());
        assertTrue(run.guest().batches > 1, run.guest().batches + " batches");
        assertSeen(samples, 251, 1000, run.guest().seen);
    }
}
