package org.wasmbpf.guest.teavm;

/**
 * Module code for string concatenation: {@link StringConcatSubstitutor} compiles every
 * {@code a + b + ...} of a guest into calls of {@link #of}. Not for direct use.
 */
public final class Concat {
    private Concat() {
    }

    /** {@code a + b + c + d}; a null piece is "null", as in Java's concatenation. */
    public static String of(String a, String b, String c, String d) {
        a = a != null ? a : "null";
        b = b != null ? b : "null";
        c = c != null ? c : "null";
        d = d != null ? d : "null";
        char[] chars = new char[a.length() + b.length() + c.length() + d.length()];
        int n = put(a, chars, 0);
        n = put(b, chars, n);
        n = put(c, chars, n);
        put(d, chars, n);
        return new String(chars);
    }

    private static int put(String piece, char[] chars, int at) {
        piece.getChars(0, piece.length(), chars, at);
        return at + piece.length();
    }
}
