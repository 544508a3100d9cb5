package org.wasmbpf.skeleton.java;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Compresses a BPF object in the LZ4 block format, with one restriction: a match never overlaps
 * the bytes it produces (its offset is at least its length), so that the guest SDK's
 * {@code Lz4Decoder} can copy every match with one {@code memory.copy}. A guest decodes its object
 * at each start, in code the JVM running it has not compiled yet: LZ4 costs a few Wasm
 * instructions per sequence where DEFLATE cost dozens per byte, for about a third more payload.
 *
 * <p>The parse is optimal for the format's costs (a dynamic program over all positions), as it
 * runs once, at build time.
 */
final class Lz4Encoder {
    static final int MIN_MATCH = 4;
    static final int MAX_OFFSET = 65535;
    private static final int HASH_BITS = 16;
    /** Candidates examined per position: objects are tens of kilobytes, so this stays cheap. */
    private static final int CHAIN_LIMIT = 4096;
    /**
     * A match this long ends the search at its position: on repetitive input every candidate
     * matches at length, and longer matches would save a byte per 255.
     */
    private static final int NICE_LENGTH = 1024;

    private Lz4Encoder() {
    }

    static byte[] compress(byte[] data) {
        int n = data.length;
        int[] longest = new int[n];
        int[] offsetOf = new int[n];
        findMatches(data, longest, offsetOf);
        // cost[i]: bytes to encode data[i..] (literal-run length bytes aside); take[i]: match length or 0
        int[] cost = new int[n + 1];
        int[] take = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            cost[i] = cost[i + 1] + 1;
            for (int len = MIN_MATCH; len <= longest[i]; len++) {
                int c = cost[i + len] + 3 + extraLengthBytes(len - MIN_MATCH);
                if (c < cost[i]) {
                    cost[i] = c;
                    take[i] = len;
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(n / 2 + 16);
        int literalStart = 0;
        int i = 0;
        while (i < n) {
            if (take[i] == 0) {
                i++;
                continue;
            }
            sequence(out, data, literalStart, i - literalStart, offsetOf[i], take[i]);
            i += take[i];
            literalStart = i;
        }
        sequence(out, data, literalStart, n - literalStart, 0, 0);
        return out.toByteArray();
    }

    /** Per position, the longest match that does not overlap itself, and its offset. */
    private static void findMatches(byte[] data, int[] longest, int[] offsetOf) {
        int[] head = new int[1 << HASH_BITS];
        Arrays.fill(head, -1);
        int[] previous = new int[data.length];
        // runs[i]: how many bytes from i equal data[i]; long runs of zeros would make matching quadratic
        int[] runs = new int[data.length + 1];
        for (int i = data.length - 1; i >= 0; i--) {
            runs[i] = i + 1 < data.length && data[i + 1] == data[i] ? runs[i + 1] + 1 : 1;
        }
        for (int i = 0; i + MIN_MATCH <= data.length; i++) {
            int h = hash(data, i);
            int best = 0;
            int chain = 0;
            int most = Math.min(NICE_LENGTH, data.length - i);
            for (int j = head[h]; j >= 0 && i - j <= MAX_OFFSET && chain < CHAIN_LIMIT && best < most;
                    j = previous[j], chain++) {
                int limit = Math.min(i - j, most);
                int len = data[j] == data[i] ? Math.min(limit, Math.min(runs[i], runs[j])) : 0;
                while (len < limit && data[j + len] == data[i + len]) {
                    len++;
                }
                if (len > best) {
                    best = len;
                    offsetOf[i] = i - j;
                }
            }
            longest[i] = best >= MIN_MATCH ? best : 0;
            previous[i] = head[h];
            head[h] = i;
        }
    }

    private static int hash(byte[] d, int i) {
        int v = (d[i] & 0xff) | (d[i + 1] & 0xff) << 8 | (d[i + 2] & 0xff) << 16 | (d[i + 3] & 0xff) << 24;
        return (v * -1640531535) >>> (32 - HASH_BITS);
    }

    private static int extraLengthBytes(int n) {
        return n < 15 ? 0 : (n - 15) / 255 + 1;
    }

    /** A token, literals and (unless {@code matchLength} is 0, the last sequence) a match. */
    private static void sequence(ByteArrayOutputStream out, byte[] data, int from, int literals, int offset,
            int matchLength) {
        int m = matchLength == 0 ? 0 : matchLength - MIN_MATCH;
        out.write(Math.min(literals, 15) << 4 | Math.min(m, 15));
        length(out, literals);
        out.write(data, from, literals);
        if (matchLength != 0) {
            out.write(offset & 0xff);
            out.write(offset >>> 8);
            length(out, m);
        }
    }

    /** The bytes that follow a nibble of 15: 255 while more remains, then the rest. */
    private static void length(ByteArrayOutputStream out, int n) {
        if (n < 15) {
            return;
        }
        n -= 15;
        while (n >= 255) {
            out.write(255);
            n -= 255;
        }
        out.write(n);
    }
}
