package org.wasmbpf.guest;

/**
 * A raw DEFLATE (RFC 1951) decoder, so that a module can carry its BPF object compressed: the
 * generator writes it with {@code java.util.zip.Deflater} and the guest inflates it once, at
 * open. java.util.zip is not in TeaVM's class library, and this is a few kilobytes of module
 * where the object shrinks to about a third. Canonical Huffman decoding as in zlib's "puff".
 */
final class Inflate {
    private static final int MAX_BITS = 15;
    private static final short[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
        35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final byte[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
        3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
    private static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
        257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final byte[] DIST_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
        7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
    private static final byte[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    private final byte[] in;
    private final byte[] out;
    private int inPos;
    private int outPos;
    private int bitBuf;
    private int bitCount;

    /** A Huffman code: how many symbols have each length, then the symbols ordered by code. */
    private static final class Huffman {
        final short[] counts = new short[MAX_BITS + 1];
        final short[] symbols;

        Huffman(byte[] lengths, int offset, int n) {
            symbols = new short[n];
            for (int i = 0; i < n; i++) {
                counts[lengths[offset + i]]++;
            }
            short[] offs = new short[MAX_BITS + 1];
            for (int len = 1; len < MAX_BITS; len++) {
                offs[len + 1] = (short) (offs[len] + counts[len]);
            }
            for (int i = 0; i < n; i++) {
                if (lengths[offset + i] != 0) {
                    symbols[offs[lengths[offset + i]]++] = (short) i;
                }
            }
        }
    }

    private Inflate(byte[] in, int length) {
        this.in = in;
        this.out = new byte[length];
    }

    /** Inflates raw DEFLATE data that decodes to exactly {@code length} bytes. */
    static byte[] inflate(byte[] compressed, int length) {
        Inflate z = new Inflate(compressed, length);
        z.run();
        if (z.outPos != length) {
            throw corrupt();
        }
        return z.out;
    }

    private void run() {
        boolean last;
        do {
            last = bits(1) == 1;
            int type = bits(2);
            if (type == 0) {
                stored();
            } else if (type == 1) {
                byte[] lengths = new byte[288 + 30];
                for (int i = 0; i < 288; i++) {
                    lengths[i] = (byte) (i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8);
                }
                for (int i = 0; i < 30; i++) {
                    lengths[288 + i] = 5;
                }
                codes(new Huffman(lengths, 0, 288), new Huffman(lengths, 288, 30));
            } else if (type == 2) {
                dynamic();
            } else {
                throw corrupt();
            }
        } while (!last);
    }

    private void stored() {
        bitBuf = 0;
        bitCount = 0;
        if (inPos + 4 > in.length) {
            throw corrupt();
        }
        int len = in[inPos] & 0xFF | (in[inPos + 1] & 0xFF) << 8;
        inPos += 4;
        if (inPos + len > in.length || outPos + len > out.length) {
            throw corrupt();
        }
        System.arraycopy(in, inPos, out, outPos, len);
        inPos += len;
        outPos += len;
    }

    private void dynamic() {
        int nlen = bits(5) + 257;
        int ndist = bits(5) + 1;
        int ncode = bits(4) + 4;
        byte[] lengths = new byte[nlen + ndist];
        byte[] codeLengths = new byte[19];
        for (int i = 0; i < ncode; i++) {
            codeLengths[CODE_LENGTH_ORDER[i]] = (byte) bits(3);
        }
        Huffman lencode = new Huffman(codeLengths, 0, 19);
        int i = 0;
        while (i < nlen + ndist) {
            int symbol = decode(lencode);
            if (symbol < 16) {
                lengths[i++] = (byte) symbol;
                continue;
            }
            int repeat;
            byte value = 0;
            if (symbol == 16) {
                if (i == 0) {
                    throw corrupt();
                }
                value = lengths[i - 1];
                repeat = 3 + bits(2);
            } else {
                repeat = symbol == 17 ? 3 + bits(3) : 11 + bits(7);
            }
            if (i + repeat > nlen + ndist) {
                throw corrupt();
            }
            while (repeat-- > 0) {
                lengths[i++] = value;
            }
        }
        codes(new Huffman(lengths, 0, nlen), new Huffman(lengths, nlen, ndist));
    }

    private void codes(Huffman lencode, Huffman distcode) {
        for (;;) {
            int symbol = decode(lencode);
            if (symbol < 256) {
                put((byte) symbol);
            } else if (symbol == 256) {
                return;
            } else {
                symbol -= 257;
                if (symbol >= 29) {
                    throw corrupt();
                }
                int len = LENGTH_BASE[symbol] + bits(LENGTH_EXTRA[symbol]);
                int d = decode(distcode);
                if (d >= 30) {
                    throw corrupt();
                }
                int dist = DIST_BASE[d] + bits(DIST_EXTRA[d]);
                if (dist > outPos) {
                    throw corrupt();
                }
                while (len-- > 0) {
                    put(out[outPos - dist]);
                }
            }
        }
    }

    private void put(byte b) {
        if (outPos == out.length) {
            throw corrupt();
        }
        out[outPos++] = b;
    }

    /** Reads a Huffman code bit by bit (codes are stored most significant bit first). */
    private int decode(Huffman h) {
        int code = 0;
        int first = 0;
        int index = 0;
        for (int len = 1; len <= MAX_BITS; len++) {
            code |= bits(1);
            int count = h.counts[len];
            if (code - count < first) {
                return h.symbols[index + (code - first)];
            }
            index += count;
            first += count;
            first <<= 1;
            code <<= 1;
        }
        throw corrupt();
    }

    private int bits(int need) {
        int val = bitBuf;
        while (bitCount < need) {
            if (inPos == in.length) {
                throw corrupt();
            }
            val |= (in[inPos++] & 0xFF) << bitCount;
            bitCount += 8;
        }
        bitBuf = val >>> need;
        bitCount -= need;
        return val & ((1 << need) - 1);
    }

    private static IllegalStateException corrupt() {
        return new IllegalStateException("the embedded BPF object is corrupt (bad DEFLATE data)");
    }
}
