package org.wasmbpf.host.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SampleBatchTest {
    private static byte[] sample(int seq, int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) seq);
        return b;
    }

    private static byte[] get(SampleBatch batch, int i) {
        return Arrays.copyOfRange(batch.array(), batch.offset(i), batch.offset(i) + batch.size(i));
    }

    @Test
    void growsPastItsInitialSizeAndKeepsOrder() {
        SampleBatch batch = new SampleBatch(16, 4);
        for (int i = 0; i < 100; i++) {
            batch.add(ByteBuffer.wrap(sample(i, 1 + i % 9)));
        }
        assertEquals(100, batch.count());
        for (int i = 0; i < 100; i++) {
            assertArrayEquals(sample(i, 1 + i % 9), get(batch, i), "sample " + i);
        }
    }

    @Test
    void removeFirstKeepsTheRestInOrderAtTheFront() {
        SampleBatch batch = new SampleBatch();
        for (int i = 0; i < 10; i++) {
            batch.add(sample(i, 3 + i), 0, 3 + i);
        }
        int bytesBefore = batch.byteCount();
        batch.removeFirst(4);
        assertEquals(6, batch.count());
        assertEquals(0, batch.offset(0));
        assertEquals(bytesBefore - (3 + 4 + 5 + 6), batch.byteCount());
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(sample(i + 4, 7 + i), get(batch, i));
        }
        batch.add(sample(99, 2), 0, 2);
        assertArrayEquals(sample(99, 2), get(batch, 6), "appends after the kept samples");
        batch.removeFirst(7);
        assertTrue(batch.isEmpty());
        assertEquals(0, batch.byteCount());
    }

    @Test
    void clearKeepsTheArraysForReuse() {
        SampleBatch batch = new SampleBatch(16, 4);
        batch.add(sample(1, 1000), 0, 1000);
        byte[] array = batch.array();
        batch.clear();
        batch.add(sample(2, 500), 0, 500);
        assertSame(array, batch.array(), "no new array once large enough");
    }

    @Test
    void addingFromABufferLeavesItsPositionAlone() {
        ByteBuffer b = ByteBuffer.wrap(sample(5, 8));
        b.position(2);
        SampleBatch batch = new SampleBatch();
        batch.add(b);
        assertEquals(2, b.position());
        assertEquals(6, batch.size(0));
    }

    @Test
    void indexesOutsideTheBatchAreRefused() {
        SampleBatch batch = new SampleBatch();
        batch.add(new byte[4], 0, 4);
        assertThrows(IndexOutOfBoundsException.class, () -> batch.size(1));
        assertThrows(IndexOutOfBoundsException.class, () -> batch.offset(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> batch.removeFirst(2));
    }
}
