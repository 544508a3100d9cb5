package org.wasmbpf.host.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasmbpf.host.FakeGuestMemory;

/** Runs of adjacent samples staged in one copy ({@link StagedSampleLayout#addToRun}), checked by what the guest would read. */
class StagedSampleLayoutTest {
    private static final int DATA = 1024;

    /** Guest memory that counts its writes. */
    private static final class CountingMemory implements GuestMemory {
        final FakeGuestMemory memory = new FakeGuestMemory(65536);
        int writes;

        @Override
        public long size() {
            return memory.size();
        }

        @Override
        public void read(int addr, byte[] dst, int dstOffset, int len) {
            memory.read(addr, dst, dstOffset, len);
        }

        @Override
        public void write(int addr, byte[] src, int srcOffset, int len) {
            writes++;
            memory.write(addr, src, srcOffset, len);
        }

        @Override
        public int readI32(int addr) {
            return memory.readI32(addr);
        }

        @Override
        public void writeI32(int addr, int value) {
            writes++;
            memory.writeI32(addr, value);
        }
    }

    /** A ring-like buffer: each sample after an 8-byte header, padded to 8, filled with its own number. */
    private static ByteBuffer ring(int... sizes) {
        ByteBuffer ring = ByteBuffer.allocateDirect(4096).order(ByteOrder.nativeOrder());
        int at = 0;
        for (int k = 0; k < sizes.length; k++) {
            for (int i = 0; i < sizes[k]; i++) {
                ring.put(at + 8 + i, (byte) (k + 1));
            }
            at += (8 + sizes[k] + 7) & ~7;
        }
        return ring;
    }

    /** Adds each sample through one reused view, as the ring consumer hands them; @return their offsets in the ring. */
    private static List<Integer> addAll(StagedSampleLayout layout, ByteBuffer ring, int... sizes) {
        ByteBuffer sample = ring.duplicate();
        List<Integer> at = new ArrayList<>();
        int pos = 0;
        for (int size : sizes) {
            sample.limit(pos + 8 + size).position(pos + 8);
            assertTrue(layout.addToRun(sample));
            sample.clear();
            at.add(pos + 8);
            pos += (8 + size + 7) & ~7;
        }
        return at;
    }

    /** The samples as the guest's records point at them. */
    private static List<byte[]> staged(CountingMemory m, int header) {
        int count = m.readI32(DATA + header + InGuestDelivery.COUNT);
        List<byte[]> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int record = DATA + header + InGuestDelivery.HEADER + InGuestDelivery.RECORD * k;
            out.add(m.memory.read(m.readI32(record), m.readI32(record + 4)));
        }
        return out;
    }

    private static byte[] filled(int size, int value) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void adjacentSamplesOfTheRingGoInOneCopyAndEachRecordFindsItsOwnBytes() {
        int[] sizes = {16, 20, 1, 64};
        CountingMemory m = new CountingMemory();
        StagedSampleLayout layout = new StagedSampleLayout();
        layout.beginAsRead(m, DATA, 4096);
        addAll(layout, ring(sizes), sizes);
        assertEquals(0, m.writes, "nothing is written before the run ends");
        int header = layout.finishAsRead(-1);
        assertEquals(2, m.writes, "the run, then the header with its records");
        List<byte[]> got = staged(m, header);
        for (int k = 0; k < sizes.length; k++) {
            assertArrayEquals(filled(sizes[k], k + 1), got.get(k), "sample " + k);
        }
    }

    @Test
    void aSampleThatDoesNotFollowOnStartsAnotherRunAndTheRunBeforeIsWrittenThen() {
        CountingMemory m = new CountingMemory();
        StagedSampleLayout layout = new StagedSampleLayout();
        layout.beginAsRead(m, DATA, 4096);
        ByteBuffer sample = ring(16, 16).duplicate();
        assertTrue(layout.addToRun(sample.limit(24).position(8)));
        assertTrue(layout.addToRun(sample.limit(16).position(8)), "the same bytes again: behind the run");
        assertEquals(1, m.writes, "the first run was written when the second began");
        assertTrue(layout.addToRun(sample.limit(48).position(40)), "24 bytes past the run's end: too far");
        assertEquals(2, m.writes);
        ByteBuffer other = ring(16).duplicate();
        assertTrue(layout.addToRun(other.limit(24).position(8)), "another buffer");
        assertEquals(3, m.writes);
        int header = layout.finishAsRead(7);
        List<byte[]> got = staged(m, header);
        assertEquals(4, got.size());
        assertArrayEquals(filled(16, 1), got.get(0));
        assertArrayEquals(filled(8, 1), got.get(1));
        assertArrayEquals(filled(8, 2), got.get(2));
        assertArrayEquals(filled(16, 1), got.get(3));
        assertEquals(7, m.readI32(DATA + header + InGuestDelivery.FINAL));
    }

    @Test
    void theRunIsCopiedWhenWrittenNotLater() {
        CountingMemory m = new CountingMemory();
        StagedSampleLayout layout = new StagedSampleLayout();
        layout.beginAsRead(m, DATA, 4096);
        ByteBuffer ring = ring(16);
        addAll(layout, ring, 16);
        layout.writeRun(); // as the consumer does before it releases the bytes
        ring.put(8, (byte) 99); // the kernel may now reuse them
        int header = layout.finishAsRead(-1);
        assertArrayEquals(filled(16, 1), staged(m, header).get(0));
    }

    @Test
    void theGapsOfARunCountAgainstTheBuffer() {
        // 3 samples of 1 byte: packed 3 bytes, in a run 1 + 15 + 1 + 15 + 1 = 33, padded 40;
        // with the header (16) and 3 records (24) that is 80 bytes.
        CountingMemory m = new CountingMemory();
        StagedSampleLayout layout = new StagedSampleLayout();
        layout.beginAsRead(m, DATA, 79);
        ByteBuffer ring = ring(1, 1, 1);
        ByteBuffer sample = ring.duplicate();
        assertTrue(layout.addToRun(sample.limit(9).position(8)));
        assertTrue(layout.addToRun(sample.limit(25).position(24)));
        assertFalse(layout.addToRun(sample.limit(41).position(40)), "80 bytes do not fit in 79");
        layout.beginAsRead(m, DATA, 80);
        assertTrue(layout.addToRun(sample.limit(9).position(8)));
        assertTrue(layout.addToRun(sample.limit(25).position(24)));
        assertTrue(layout.addToRun(sample.limit(41).position(40)));
    }
}
