package org.wasmbpf.guest;

/**
 * A raw DEFLATE (RFC 1951) decoder, so that a module can carry its BPF object compressed: the
 * generator writes it with {@code java.util.zip.Deflater} and the guest inflates it once, at
 * open. java.util.zip is not in TeaVM's class library, and this is a few kilobytes of module
 * where the object shrinks to about a third. Canonical Huffman decoding as in zlib's "puff".
 */
final class Inflate {
    private static final int MAX_BITS = 15;
    private static final int FAST_BITS = 9;
    /** RFC 1951's order of the code length code lengths, as chars (array literals are code, not data). */
    private static final String CODE_LENGTH_ORDER = "\20\21\22\0\10\7\11\6\12\5\13\4\14\3\15\2\16\1\17";
    /**
     * RFC 1951's base values and extra bits of the 29 length and 30 distance symbols, computed:
     * as array literals they were 2 KB of module.
     */
    private static final int[] LENGTH_BASE = new int[29];
    private static final int[] LENGTH_EXTRA = new int[29];
    private static final int[] DIST_BASE = new int[30];
    private static final int[] DIST_EXTRA = new int[30];

    static {
        int base = 3;
        for (int s = 0; s < 28; s++) {
            LENGTH_BASE[s] = base;
            LENGTH_EXTRA[s] = s < 8 ? 0 : (s - 4) >> 2;
            base += 1 << LENGTH_EXTRA[s];
        }
        LENGTH_BASE[28] = 258; // not 259: the longest match has its own symbol
        base = 1;
        for (int d = 0; d < 30; d++) {
            DIST_BASE[d] = base;
            DIST_EXTRA[d] = d < 4 ? 0 : (d - 2) >> 1;
            base += 1 << DIST_EXTRA[d];
        }
    }

    /** The input, two bytes per char, low byte first (as {@link EmbeddedBytes} embeds it). */
    private final char[] in;
    private final int inLength;
    private final byte[] out;
    private int inPos;
    private int outPos;
    private int bitBuf;
    private int bitCount;

    /**
     * A Huffman code: how many symbols have each length, the symbols ordered by code, and a table
     * that decodes codes of up to {@link #FAST_BITS} bits in one look-up.
     */
    private static final class Huffman {
        final short[] counts = new short[MAX_BITS + 1];
        final short[] symbols;
        /** By the next FAST_BITS bits of input: symbol << 4 | code length, or 0 for a longer code. */
        final short[] fast = new short[1 << FAST_BITS];

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
            int code = 0;
            int index = 0;
            for (int len = 1; len <= FAST_BITS; len++) {
                for (int k = 0; k < counts[len]; k++, code++) {
                    // Codes are read most significant bit first: the table is indexed by them reversed.
                    int reversed = 0;
                    for (int b = 0; b < len; b++) {
                        reversed |= (code >> b & 1) << (len - 1 - b);
                    }
                    for (int at = reversed; at < 1 << FAST_BITS; at += 1 << len) {
                        fast[at] = (short) (symbols[index + k] << 4 | len);
                    }
                }
                index += counts[len];
                code <<= 1;
            }
        }
    }

    private Inflate(char[] in, int inLength, int length) {
        this.in = in;
        this.inLength = inLength;
        this.out = new byte[length];
    }

    /**
     * Inflates {@code inLength} bytes of raw DEFLATE data, packed two to a char (at most
     * {@code 2 * packed.length}: {@link EmbeddedBytes#chars} sees to that), that decode to exactly
     * {@code length} bytes.
     */
    static byte[] inflate(char[] packed, int inLength, int length) {
        Inflate z = new Inflate(packed, inLength, length);
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
        inPos -= bitCount >> 3; // whole bytes that decode looked ahead at
        bitBuf = 0;
        bitCount = 0;
        if (inPos + 4 > inLength) {
            throw corrupt();
        }
        int len = at(inPos) | at(inPos + 1) << 8;
        inPos += 4;
        if (inPos + len > inLength || outPos + len > out.length) {
            throw corrupt();
        }
        while (len-- > 0) {
            out[outPos++] = (byte) at(inPos++);
        }
    }

    private void dynamic() {
        int nlen = bits(5) + 257;
        int ndist = bits(5) + 1;
        int ncode = bits(4) + 4;
        byte[] lengths = new byte[nlen + ndist];
        byte[] codeLengths = new byte[19];
        for (int i = 0; i < ncode; i++) {
            codeLengths[CODE_LENGTH_ORDER.charAt(i)] = (byte) bits(3);
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

    /**
     * Decodes one block's symbols. The output array and position are locals here, not fields: on
     * Chicory each field access is a call into the guest's memory, and this loop runs for every
     * byte of the object, much of it before the JVM has compiled it.
     */
    private void codes(Huffman lencode, Huffman distcode) {
        byte[] o = out;
        int p = outPos;
        for (;;) {
            int symbol = decode(lencode);
            // not "symbol < 256 ... == 256": TeaVM makes that a call to a three-way compare
            if ((symbol & ~0xFF) == 0) {
                if (p == o.length) {
                    throw corrupt();
                }
                o[p++] = (byte) symbol;
                continue;
            }
            if (symbol == 256) {
                outPos = p;
                return;
            }
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
            if (dist > p || len > o.length - p) {
                throw corrupt();
            }
            while (len-- > 0) {
                o[p] = o[p - dist];
                p++;
            }
        }
    }

    /**
     * Reads a Huffman code: in one table look-up when it is short, as most are, else bit by bit
     * (codes are stored most significant bit first). Bit by bit for every code was most of a Java
     * guest's start.
     */
    private int decode(Huffman h) {
        while (bitCount < FAST_BITS && inPos < inLength) {
            bitBuf |= at(inPos++) << bitCount;
            bitCount += 8;
        }
        int entry = h.fast[bitBuf & ((1 << FAST_BITS) - 1)];
        int len = entry & 15;
        if (entry != 0 && len <= bitCount) {
            bitBuf >>>= len;
            bitCount -= len;
            return entry >> 4;
        }
        int code = 0;
        int first = 0;
        int index = 0;
        for (len = 1; len <= MAX_BITS; len++) {
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
            if (inPos == inLength) {
                throw corrupt();
            }
            val |= at(inPos++) << bitCount;
            bitCount += 8;
        }
        bitBuf = val >>> need;
        bitCount -= need;
        return val & ((1 << need) - 1);
    }

    /** Input byte {@code i}. */
    private int at(int i) {
        return in[i >> 1] >> ((i & 1) << 3) & 0xFF;
    }

    private static IllegalStateException corrupt() {
        return new IllegalStateException("the embedded BPF object is corrupt (bad DEFLATE data)");
    }
}
