package org.wasmbpf.skeleton.java;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

/**
 * The object file as the guest SDK's {@code EmbeddedBytes.inflate} takes it: raw DEFLATE, packed
 * two bytes per char into String constants (TeaVM stores those as data, about one byte of module
 * per byte; an array literal would be code). Chunked because a class-file constant holds at most
 * 65535 bytes of modified UTF-8, and a char may take 3.
 */
final class EmbeddedObjectWriter {
    static final int CHUNK_CHARS = 16000;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private EmbeddedObjectWriter() {
    }

    static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] buf = new byte[8192];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    /** {@code EmbeddedBytes.inflate(length, compressedLength, "...", ...)}, one chunk per line. */
    static String inflateCall(byte[] data, String indent) {
        byte[] z = deflate(data);
        StringBuilder s = new StringBuilder("EmbeddedBytes.inflate(").append(data.length).append(", ").append(z.length);
        for (int i = 0; i < z.length; i += 2 * CHUNK_CHARS) {
            s.append(",\n").append(indent).append('"');
            int end = Math.min(z.length, i + 2 * CHUNK_CHARS);
            for (int j = i; j < end; j += 2) {
                int lo = z[j] & 0xff;
                int hi = j + 1 < end ? z[j + 1] & 0xff : 0;
                escape((char) (hi << 8 | lo), s);
            }
            s.append('"');
        }
        return s.append(')').toString();
    }

    /** Unicode escapes are read before the lexer, so line ends, quote and backslash need Java's own. */
    private static void escape(char c, StringBuilder s) {
        switch (c) {
            case '\n' -> s.append("\\n");
            case '\r' -> s.append("\\r");
            case '"' -> s.append("\\\"");
            case '\\' -> s.append("\\\\");
            default -> s.append("\\u").append(HEX[c >> 12 & 15]).append(HEX[c >> 8 & 15]).append(HEX[c >> 4 & 15])
                    .append(HEX[c & 15]);
        }
    }
}
