package org.wasmbpf.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** The guest's inflater against the JDK's deflater, on every kind of DEFLATE block. */
class InflateTest {
    @Test
    void inflatesWhatTheJdkDeflates() throws IOException {
        Random random = new Random(42);
        byte[] noise = new byte[70_000];
        random.nextBytes(noise);
        byte[] text = "the quick brown fox jumps over the lazy dog; ".repeat(3000).getBytes();
        byte[] mixed = Arrays.copyOf(text, 100_000);
        System.arraycopy(noise, 0, mixed, 50_000, 20_000);
        byte[] someClass = Files.readAllBytes(Path.of("target/classes/org/wasmbpf/guest/Args.class"));
        for (byte[] data : new byte[][] {new byte[0], {7}, "abc".getBytes(), noise, text, mixed, someClass}) {
            for (int level : new int[] {Deflater.NO_COMPRESSION, Deflater.BEST_SPEED, Deflater.BEST_COMPRESSION}) {
                assertArrayEquals(data, inflate(deflate(data, level), data.length), data.length + " bytes, level " + level);
            }
        }
    }

    @Test
    void unpacksAndInflatesEmbeddedChunks() {
        byte[] data = "embedded bytes, embedded bytes, embedded bytes".getBytes();
        byte[] z = deflate(data, Deflater.BEST_COMPRESSION);
        StringBuilder chunk = new StringBuilder();
        for (int i = 0; i < z.length; i += 2) {
            chunk.append((char) ((z[i] & 0xFF) | (i + 1 < z.length ? (z[i + 1] & 0xFF) << 8 : 0)));
        }
        assertArrayEquals(data, EmbeddedBytes.inflate(data.length, z.length, chunk.toString()));
    }

    @Test
    void corruptDataIsAnErrorNotAWrongResult() {
        byte[] data = "some data some data some data".getBytes();
        byte[] z = deflate(data, Deflater.BEST_COMPRESSION);
        assertThrows(IllegalStateException.class, () -> inflate(Arrays.copyOf(z, z.length / 2), data.length));
        assertThrows(IllegalStateException.class, () -> inflate(z, data.length - 1));
        assertThrows(IllegalStateException.class, () -> inflate(z, data.length + 1));
        byte[] badType = z.clone();
        badType[0] = (byte) 0x07; // final block of the reserved type 3
        assertThrows(IllegalStateException.class, () -> inflate(badType, data.length));
    }

    private static byte[] inflate(byte[] compressed, int length) {
        return Inflate.inflate(pack(compressed), compressed.length, length);
    }

    /** Two bytes per char, low byte first, as the skeleton embeds them. */
    private static char[] pack(byte[] bytes) {
        char[] chars = new char[(bytes.length + 1) / 2];
        for (int i = 0; i < bytes.length; i++) {
            chars[i >> 1] |= (char) ((bytes[i] & 0xFF) << ((i & 1) << 3));
        }
        return chars;
    }

    static byte[] deflate(byte[] data, int level) {
        Deflater d = new Deflater(level, true);
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[data.length * 2 + 64];
        int n = 0;
        while (!d.finished()) {
            n += d.deflate(buf, n, buf.length - n);
        }
        d.end();
        return Arrays.copyOf(buf, n);
    }
}
