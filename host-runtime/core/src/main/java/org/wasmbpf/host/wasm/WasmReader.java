package org.wasmbpf.host.wasm;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over part of a Wasm binary: bytes, LEB128 integers, names, limits. It never reads past
 * the end it was given, so a count or size that lies is a {@link WasmFormatException}, never an
 * index out of bounds.
 */
public final class WasmReader {
    private final byte[] bytes;
    private int pos;
    private final int end;

    public WasmReader(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.pos = start;
        this.end = end;
    }

    /** Flags, minimum and (when flag bit 0 is set) maximum of a table or memory; max is -1 when absent. */
    public record Limits(int flags, long min, long max) {
        public boolean hasMax() {
            return (flags & 1) != 0;
        }
    }

    public int pos() {
        return pos;
    }

    public boolean atEnd() {
        return pos >= end;
    }

    public int remaining() {
        return end - pos;
    }

    public int u8() {
        if (pos >= end) {
            throw WasmFormatException.truncated("unexpected end of data at offset " + pos);
        }
        return bytes[pos++] & 0xff;
    }

    /**
     * An unsigned LEB128 of at most five bytes, as a u32 takes, without refusing bits past the
     * 32nd: a section size that large is then reported as running past the file, which it does.
     */
    public long uleb() {
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8();
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            if (shift >= 28) {
                throw new WasmFormatException("LEB128 u32 too long at offset " + pos);
            }
        }
    }

    /** An unsigned LEB128 of at most 32 bits; the int holds it unsigned. */
    public int u32() {
        long result = uleb();
        if (result > 0xffffffffL) {
            throw new WasmFormatException("LEB128 u32 out of range at offset " + pos);
        }
        return (int) result;
    }

    /** A u32 that is used as a count or length, so it must fit what is left. */
    public int length() {
        int n = u32();
        if (n < 0 || n > end - pos) {
            throw new WasmFormatException("length " + Integer.toUnsignedString(n) + " runs past the end at offset " + pos);
        }
        return n;
    }

    public String name() {
        int len = length();
        String s = new String(bytes, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    public void skip(int n) {
        if (n < 0 || n > end - pos) {
            throw new WasmFormatException("cannot skip " + n + " bytes at offset " + pos);
        }
        pos += n;
    }

    /**
     * Limits as a wasm32 module encodes them, in u32s: a value past that (a memory64's, or a
     * malformed one) is refused rather than read into a limit nobody could enforce.
     */
    public Limits limits() {
        int flags = u8();
        long min = Integer.toUnsignedLong(u32());
        long max = (flags & 1) != 0 ? Integer.toUnsignedLong(u32()) : -1;
        return new Limits(flags, min, max);
    }
}
