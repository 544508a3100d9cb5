package org.wasmbpf.bpf.btf;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The BTF string section. Names repeat a lot in kernel BTF (member names such as "next"), so
 * decoded strings are cached by offset; that keeps parsing vmlinux well under a second.
 */
final class BtfStrings {
    private final byte[] data;
    private final int start;
    private final int length;
    private final Map<Integer, String> cache = new HashMap<>();

    BtfStrings(byte[] data, int start, int length) {
        this.data = data;
        this.start = start;
        this.length = length;
        if (length > 0 && data[start + length - 1] != 0) {
            throw new BtfFormatException("corrupt BTF: string section does not end with NUL");
        }
    }

    /** The string at {@code offset}; {@code typeId} names the type that refers to it in errors. */
    String at(int offset, int typeId) {
        if (offset == 0) {
            return "";
        }
        if (offset < 0 || offset >= length) {
            throw new BtfFormatException("type [" + typeId + "] refers to string offset " + Integer.toUnsignedString(offset)
                    + ", outside the string section (" + length + " bytes)");
        }
        String s = cache.get(offset);
        if (s == null) {
            int end = start + offset;
            while (data[end] != 0) {
                end++;
            }
            s = new String(data, start + offset, end - start - offset, StandardCharsets.UTF_8);
            cache.put(offset, s);
        }
        return s;
    }
}
