package org.wasmbpf.skeleton.java;

/**
 * The object file as the guest SDK's {@code EmbeddedBytes.decompress} takes it: LZ4 blocks
 * ({@link Lz4Encoder}), packed two bytes per char, low byte first, into String constants (TeaVM stores those as data, about one byte of module
 * per byte; an array literal would be code). Chunked because a class-file constant holds at most
 * 65535 bytes of modified UTF-8, and a char may take 3.
 */
final class EmbeddedObjectWriter {
    static final int CHUNK_CHARS = 16000;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private EmbeddedObjectWriter() {
    }

    /** {@code EmbeddedBytes.decompress(length, compressedLength, "...", ...)}, one chunk per line. */
    static String decompressCall(byte[] object, String indent) {
        byte[] data = Lz4Encoder.compress(object);
        StringBuilder s = new StringBuilder("EmbeddedBytes.decompress(").append(object.length).append(", ")
                .append(data.length);
        for (int i = 0; i < data.length; i += 2 * CHUNK_CHARS) {
            s.append(",\n").append(indent).append('"');
            int end = Math.min(data.length, i + 2 * CHUNK_CHARS);
            for (int j = i; j < end; j += 2) {
                int lo = data[j] & 0xff;
                int hi = j + 1 < end ? data[j + 1] & 0xff : 0;
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
