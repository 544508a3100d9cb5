package org.wasmbpf.host.testing;

import java.util.ArrayList;
import java.util.List;
import org.wasmbpf.host.spi.SampleBatch;

/**
 * Samples for delivery tests: of varied sizes, each starting with its sequence number so that a
 * guest can stop at a given one, and the hash {@code testguest.c}'s callback computes over them.
 */
public final class Samples {
    private Samples() {}

    /** n samples: a 4-byte little-endian sequence number, then 12..75 bytes of pattern. */
    public static List<byte[]> numbered(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] s = new byte[16 + (i * 7) % 64];
            s[0] = (byte) i;
            s[1] = (byte) (i >> 8);
            s[2] = (byte) (i >> 16);
            s[3] = (byte) (i >> 24);
            for (int k = 4; k < s.length; k++) {
                s[k] = (byte) (i * 13 + k);
            }
            out.add(s);
        }
        return out;
    }

    public static SampleBatch batch(List<byte[]> samples) {
        SampleBatch batch = new SampleBatch();
        samples.forEach(s -> batch.add(s, 0, s.length));
        return batch;
    }

    /** The guest's hash over the first {@code count} samples, each truncated to {@code max}. */
    public static String checksum(List<byte[]> samples, int count, int max) {
        int h = 0;
        for (int i = 0; i < count; i++) {
            byte[] s = samples.get(i);
            for (int k = 0; k < Math.min(s.length, max); k++) {
                h = h * 31 + (s[k] & 0xff);
            }
        }
        return Integer.toUnsignedString(h);
    }
}
