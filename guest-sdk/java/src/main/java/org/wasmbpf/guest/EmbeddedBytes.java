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
     * Inflates {@code compressedLength} bytes of raw DEFLATE data, packed in the chunks, to the
     * {@code length} bytes they were made from.
     */
    public static byte[] inflate(int length, int compressedLength, String... chunks) {
        return Inflate.inflate(chars(compressedLength, chunks), compressedLength, length);
    }

    /** Unpacks {@code length} bytes from the chunks, in order (low byte of each char first). */
    public static byte[] unpack(int length, String... chunks) {
        char[] all = chars(length, chunks);
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (all[i >> 1] >> ((i & 1) << 3));
        }
        return bytes;
    }

    /**
     * The chunks' chars that hold {@code length} bytes, in one array. {@code getChars} is an
     * arraycopy in TeaVM, a memory.copy in the module: a loop over the chars here ran in a guest's
     * main, which the JVM running the guest never compiles, as it is too large.
     */
    static char[] chars(int length, String... chunks) {
        char[] all = new char[(length + 1) / 2];
        int n = 0;
        for (String chunk : chunks) {
            int take = Math.min(chunk.length(), all.length - n);
            chunk.getChars(0, take, all, n);
            n += take;
        }
        if (n != all.length) {
            // a constant message: a concatenation here was code inlined into every skeleton's open()
            throw new IllegalStateException("embedded data ends before its declared length");
        }
        return all;
    }
}
