package org.wasmbpf.host.spi;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Samples staged on the host for delivery to a guest, in order, each kept whole (truncation to
 * the guest's buffer happens at delivery, so a sample carried over to a later poll with a larger
 * buffer is not cut short). Meant to be reused: {@link #clear} keeps the arrays, which only grow
 * to the largest batch seen, so staging a sample allocates nothing once warm. Not thread-safe.
 */
public final class SampleBatch {
    private byte[] bytes;
    private int[] offsets;
    private int[] sizes;
    private int count;
    private int used;

    public SampleBatch() {
        this(4096, 64);
    }

    public SampleBatch(int initialBytes, int initialSamples) {
        bytes = new byte[Math.max(16, initialBytes)];
        offsets = new int[Math.max(4, initialSamples)];
        sizes = new int[offsets.length];
    }

    /** Samples staged. */
    public int count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Bytes staged, all samples together. */
    public int byteCount() {
        return used;
    }

    /** The backing array: sample {@code i} is {@code array()[offset(i) .. offset(i)+size(i))}. Read only. */
    public byte[] array() {
        return bytes;
    }

    public int offset(int i) {
        return offsets[Objects.checkIndex(i, count)];
    }

    /** The sample's whole size as it came from the buffer. */
    public int size(int i) {
        return sizes[Objects.checkIndex(i, count)];
    }

    /** Copies the sample's bytes from position to limit (the buffer's position is unchanged). */
    public void add(ByteBuffer sample) {
        int len = sample.remaining();
        int at = reserve(len);
        sample.get(sample.position(), bytes, at, len);
    }

    public void add(byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        int at = reserve(len);
        System.arraycopy(src, off, bytes, at, len);
    }

    /** Adds {@code other}'s samples after these, in order. */
    public void addAll(SampleBatch other) {
        for (int i = 0; i < other.count; i++) {
            add(other.bytes, other.offsets[i], other.sizes[i]);
        }
    }

    /** Drops the first {@code n} samples (those delivered); the rest move to the front, in order. */
    public void removeFirst(int n) {
        Objects.checkFromIndexSize(0, n, count);
        if (n == count) {
            clear();
            return;
        }
        if (n == 0) {
            return;
        }
        int shift = offsets[n];
        System.arraycopy(bytes, shift, bytes, 0, used - shift);
        for (int i = n; i < count; i++) {
            offsets[i - n] = offsets[i] - shift;
            sizes[i - n] = sizes[i];
        }
        count -= n;
        used -= shift;
    }

    public void clear() {
        count = 0;
        used = 0;
    }

    private int reserve(int len) {
        if (len < 0 || (long) used + len > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("sample batch cannot hold " + len + " more bytes");
        }
        if (used + len > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8, Math.max((long) used + len, 2L * bytes.length)));
        }
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
            sizes = Arrays.copyOf(sizes, count * 2);
        }
        int at = used;
        offsets[count] = at;
        sizes[count] = len;
        count++;
        used += len;
        return at;
    }
}
