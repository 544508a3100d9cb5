package org.wasmbpf.guest;

import org.teavm.interop.Address;

/** Decodes UTF-8 from module memory without the classlib's charset machinery (module size). */
final class Utf8 {
    private static final char REPLACEMENT = '\uFFFD';

    private Utf8() {
    }

    /** Decodes {@code length} bytes at {@code bytes} into {@code chars} (at least that long). */
    static String decode(Address bytes, int length, char[] chars) {
        int n = 0;
        int i = 0;
        while (i < length) {
            int b = bytes.add(i).getByte() & 0xFF;
            if (b < 0x80) {
                chars[n++] = (char) b;
                i++;
                continue;
            }
            int need = b >= 0xF0 && b < 0xF5 ? 3 : b >= 0xE0 ? 2 : b >= 0xC2 && b < 0xE0 ? 1 : -1;
            if (b >= 0xF5) {
                need = -1;
            }
            int cp = need == 3 ? b & 0x07 : need == 2 ? b & 0x0F : b & 0x1F;
            int j = 1;
            for (; need > 0 && j <= need && i + j < length; j++) {
                int c = bytes.add(i + j).getByte() & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    break;
                }
                cp = cp << 6 | c & 0x3F;
            }
            boolean valid = need > 0 && j == need + 1
                    && (need != 2 || cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF))
                    && (need != 3 || cp >= 0x10000 && cp <= 0x10FFFF);
            if (!valid) {
                chars[n++] = REPLACEMENT;
                i++;
            } else if (cp >= 0x10000) {
                // a surrogate pair: 4 bytes became 2 chars, so chars never runs out
                chars[n++] = Character.highSurrogate(cp);
                chars[n++] = Character.lowSurrogate(cp);
                i += 4;
            } else {
                chars[n++] = (char) cp;
                i += need + 1;
            }
        }
        return new String(chars, 0, n);
    }

    /** The UTF-8 bytes of {@code text}, with a NUL after them when {@code cString}. */
    static byte[] encode(String text, boolean cString) {
        // Room for the worst case (3 bytes a char), then one copy of what was used: one pass over
        // the text is less code in the module than counting first.
        byte[] out = new byte[text.length() * 3];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            int cp = text.charAt(i);
            if (Character.isSurrogate((char) cp)) {
                char low = i + 1 < text.length() ? text.charAt(i + 1) : 0;
                if (Character.isHighSurrogate((char) cp) && Character.isLowSurrogate(low)) {
                    cp = Character.toCodePoint((char) cp, low);
                    i++;
                } else {
                    cp = '?';
                }
            }
            if (cp < 0x80) {
                out[n++] = (byte) cp;
                continue;
            }
            int more = cp < 0x800 ? 1 : cp < 0x10000 ? 2 : 3;
            out[n++] = (byte) (0xFF00 >> more + 1 | cp >> 6 * more); // 110xxxxx, 1110xxxx or 11110xxx
            while (more-- > 0) {
                out[n++] = (byte) (0x80 | cp >> 6 * more & 0x3F);
            }
        }
        byte[] exact = new byte[n + (cString ? 1 : 0)];
        System.arraycopy(out, 0, exact, 0, n);
        return exact;
    }
}
