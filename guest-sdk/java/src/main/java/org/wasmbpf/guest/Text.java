package org.wasmbpf.guest;

/**
 * printf-style padding and decimal numbers without java.util.Formatter or StringBuilder: the
 * class library formats numbers through StringBuilder, kilobytes of module that these few
 * loops replace. String concatenation of an int or long in a guest comes here too (see
 * {@code teavm.StringConcatSubstitutor}).
 */
public final class Text {
    private Text() {
    }

    /** {@code %-Ns}: left-aligned in {@code width} columns; longer text is not cut. */
    public static String left(String text, int width) {
        return new Line().left(text, width).toString();
    }

    /** {@code %Ns}: right-aligned in {@code width} columns. */
    public static String right(String text, int width) {
        return new Line().right(text, width).toString();
    }

    public static String left(long value, int width) {
        return left(decimal(value), width);
    }

    public static String right(long value, int width) {
        return right(decimal(value), width);
    }

    /** {@code Long.toString(value)}. */
    public static String decimal(long value) {
        char[] digits = new char[20];
        int start = digits.length;
        // counts down in the negative range, which also holds Long.MIN_VALUE
        long rest = value < 0 ? value : -value;
        do {
            digits[--start] = (char) ('0' - rest % 10);
            rest /= 10;
        } while (rest != 0);
        if (value < 0) {
            digits[--start] = '-';
        }
        return new String(digits, start, digits.length - start);
    }

    /** {@code Long.toUnsignedString(value)}: the 64 bits as an unsigned number. */
    public static String unsignedDecimal(long value) {
        if (value >= 0) {
            return decimal(value);
        }
        long tens = (value >>> 1) / 5;
        return decimal(tens) + (char) ('0' + (value - tens * 10));
    }
}
