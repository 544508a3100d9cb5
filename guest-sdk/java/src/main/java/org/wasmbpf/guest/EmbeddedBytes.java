package org.wasmbpf.guest;

import org.teavm.interop.Address;

/**
 * Bytes embedded in a module as String constants, two bytes per char (low byte first). TeaVM keeps
 * String constants as data, about one byte of module per byte of payload, whereas an array literal
 * becomes code and one over 64 KB does not compile at all. {@code skeleton-gen java} embeds a BPF
 * object this way, LZ4-compressed, for {@link #decompress}.
 */
public final class EmbeddedBytes {
    private EmbeddedBytes() {
    }

    /**
     * Decodes {@code compressedLength} bytes of LZ4 blocks (see {@link Lz4Decoder}), packed in the
     * chunks, to the {@code length} bytes they were made from.
     */
    public static byte[] decompress(int length, int compressedLength, String... chunks) {
        char[] packed = chars(compressedLength, chunks);
        byte[] bytes = new byte[length];
        // Linear memory is little-endian: the chars' storage holds the packed bytes in order.
        Lz4Decoder.decode(Address.ofData(packed), compressedLength, Address.ofData(bytes), length);
        return bytes;
    }

    /**
     * Unpacks {@code length} bytes from the chunks, in order (low byte of each char first): for a
     * tool's own data. Decompressing the BPF object does not come this way: a byte loop in code
     * that runs once per start runs in the JVM's interpreter (see docs/java-guests.md, Start time).
     */
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
