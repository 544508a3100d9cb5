package org.wasmbpf.skeleton.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The encoder against an LZ4 block decoder written from the format's description, on inputs that
 * reach every length encoding; and the restriction the guest's decoder relies on.
 */
class Lz4EncoderTest {
    @Test
    void roundTripsAndNoMatchOverlapsItsOutput() {
        Random random = new Random(7);
        byte[] noise = new byte[70_000];
        random.nextBytes(noise);
        byte[] text = "struct event { int pid; int ppid; char comm[16]; };\n".repeat(900).getBytes();
        byte[] mixed = new byte[90_000];
        for (int i = 0; i < mixed.length; i += 1 + random.nextInt(600)) {
            // zero runs of every length between pieces of noise and of text, like an object's sections
            int n = Math.min(random.nextInt(700), mixed.length - i);
            if (random.nextBoolean()) {
                System.arraycopy(noise, random.nextInt(1000), mixed, i, n);
            } else {
                System.arraycopy(text, random.nextInt(1000), mixed, i, n);
            }
        }
        for (byte[] data : new byte[][] {new byte[0], {1}, {1, 2, 3, 4}, new byte[5000], noise, text, mixed}) {
            byte[] z = Lz4Encoder.compress(data);
            assertArrayEquals(data, decode(z, data.length), data.length + " bytes");
        }
        assertTrue(Lz4Encoder.compress(text).length < text.length / 20, "text compresses");
        assertTrue(Lz4Encoder.compress(new byte[5000]).length < 200, "zeros compress despite no overlap");
    }

    /** LZ4 block decoding; fails on a match that overlaps the bytes it produces. */
    static byte[] decode(byte[] in, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int ip = 0;
        while (true) {
            int token = in[ip++] & 0xff;
            int literals = token >>> 4;
            if (literals == 15) {
                int b;
                do {
                    b = in[ip++] & 0xff;
                    literals += b;
                } while (b == 255);
            }
            out.write(in, ip, literals);
            ip += literals;
            if (ip == in.length) {
                break;
            }
            int offset = (in[ip] & 0xff) | (in[ip + 1] & 0xff) << 8;
            ip += 2;
            int match = (token & 15) + Lz4Encoder.MIN_MATCH;
            if ((token & 15) == 15) {
                int b;
                do {
                    b = in[ip++] & 0xff;
                    match += b;
                } while (b == 255);
            }
            assertTrue(offset >= match, "match of " + match + " at offset " + offset + " overlaps");
            byte[] sofar = out.toByteArray();
            out.write(sofar, sofar.length - offset, match);
        }
        byte[] result = out.toByteArray();
        assertEquals(length, result.length);
        return Arrays.copyOf(result, length);
    }
}
