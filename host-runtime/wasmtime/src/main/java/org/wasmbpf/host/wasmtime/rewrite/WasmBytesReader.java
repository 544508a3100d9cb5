package org.wasmbpf.host.wasmtime.rewrite;

import java.nio.charset.StandardCharsets;

/** A cursor over Wasm binary bytes: LEB128 integers, names, raw ranges. */
final class WasmBytesReader {
    private final byte[] bytes;
    private int pos;
    private final int end;

    WasmBytesReader(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.pos = start;
        this.end = end;
    }

    int pos() {
        return pos;
    }

    boolean atEnd() {
        return pos >= end;
    }

    int u8() {
        if (pos >= end) {
            throw new WasmFormatException("unexpected end of data at offset " + pos);
        }
        return bytes[pos++] & 0xff;
    }

    /** An unsigned LEB128 of at most 32 bits. */
    int u32() {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = u8();
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift >= 35) {
                throw new WasmFormatException("LEB128 u32 too long at offset " + pos);
            }
        }
        if (result > 0xffffffffL) {
            throw new WasmFormatException("LEB128 u32 out of range at offset " + pos);
        }
        return (int) result;
    }

    /** A u32 that is used as a count or length, so it must fit what is left. */
    int length() {
        int n = u32();
        if (n < 0 || n > end - pos) {
            throw new WasmFormatException("length " + Integer.toUnsignedString(n) + " runs past the end at offset " + pos);
        }
        return n;
    }

    String name() {
        int len = length();
        String s = new String(bytes, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    void skip(int n) {
        if (n < 0 || n > end - pos) {
            throw new WasmFormatException("cannot skip " + n + " bytes at offset " + pos);
        }
        pos += n;
    }

    /** Table/memory limits: flags, min, optional max (flag bit 0). */
    void skipLimits() {
        int flags = u8();
        u32();
        if ((flags & 1) != 0) {
            u32();
        }
    }
}
