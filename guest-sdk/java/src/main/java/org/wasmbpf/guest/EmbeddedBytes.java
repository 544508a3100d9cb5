package org.wasmbpf.guest;

/**
 * Bytes embedded in a module as String constants, two bytes per char (low byte first). TeaVM keeps
 * String constants as data, about one byte of module per byte of payload, whereas an array literal
 * becomes code and one over 64 KB does not compile at all. {@code skeleton-gen java} embeds a BPF
 * object DEFLATE-compressed this way, for {@link #inflate}.
 */
public final class EmbeddedBytes {
    private EmbeddedBytes() {
    }

    /**
     * Unpacks {@code compressedLength} bytes of raw DEFLATE data from the chunks and inflates them
     * to the {@code length} bytes they were made from.
     */
    public static byte[] inflate(int length, int compressedLength, String... chunks) {
        return Inflate.inflate(unpack(compressedLength, chunks), length);
    }

    /** Unpacks {@code length} bytes from the chunks, in order. */
    public static byte[] unpack(int length, String... chunks) {
        byte[] bytes = new byte[length];
        int n = 0;
        for (String chunk : chunks) {
            for (int i = 0; i < chunk.length() && n < length; i++) {
                char c = chunk.charAt(i);
                bytes[n++] = (byte) c;
                if (n < length) {
                    bytes[n++] = (byte) (c >> 8);
                }
            }
        }
        if (n != length) {
            // a constant message: a concatenation here was code inlined into every skeleton's open()
            throw new IllegalStateException("embedded data ends before its declared length");
        }
        return bytes;
    }
}
