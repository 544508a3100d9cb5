package org.wasmbpf.guest;

/** printf-style padding without java.util.Formatter, which would add much to the module. */
public final class Text {
    private Text() {
    }

    /** {@code %-Ns}: left-aligned in {@code width} columns; longer text is not cut. */
    public static String left(String text, int width) {
        StringBuilder sb = new StringBuilder(text);
        while (sb.length() < width) {
            sb.append(' ');
        }
        return sb.toString();
    }

    /** {@code %Ns}: right-aligned in {@code width} columns. */
    public static String right(String text, int width) {
        StringBuilder sb = new StringBuilder();
        for (int i = text.length(); i < width; i++) {
            sb.append(' ');
        }
        return sb.append(text).toString();
    }

    public static String left(long value, int width) {
        return left(Long.toString(value), width);
    }

    public static String right(long value, int width) {
        return right(Long.toString(value), width);
    }
}
