package org.wasmbpf.guest;

/**
 * The values a whole-number argument accepts, [min, max], and how a bad one is reported:
 * {@code invalid NAME 'TEXT': expected a whole number from MIN to MAX}, the words of the C
 * examples, or another description of what was expected ({@link #expected}). Give one to
 * {@link Args#option(char, String, WholeNumber)} or {@link Args#positional(int, WholeNumber, long)}.
 */
public final class WholeNumber {
    private final String name;
    private final long min;
    private final long max;
    private final String expected;

    /** {@code name}: what the message calls the value ({@code "PID"}, {@code "interval"}). */
    public WholeNumber(String name, long min, long max) {
        this(name, min, max, "a whole number from " + min + " to " + max);
    }

    private WholeNumber(String name, long min, long max, String expected) {
        if (min > max) {
            throw new IllegalArgumentException("empty range " + min + " to " + max);
        }
        this.name = name;
        this.min = min;
        this.max = max;
        this.expected = expected;
    }

    /** The same range, with the message saying {@code expected DESCRIPTION} instead. */
    public WholeNumber expected(String description) {
        return new WholeNumber(name, min, max, description);
    }

    public String name() {
        return name;
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    /**
     * The number, read as C's {@code strtol} reads a whole argument: leading blanks, an optional
     * sign, decimal digits and nothing after them; then checked against the range.
     *
     * @throws Args.UsageException naming the value and what was expected
     */
    public long parse(String text) {
        int start = 0;
        while (start < text.length() && isBlank(text.charAt(start))) {
            start++;
        }
        String number = text.substring(start);
        if (!isSignedDecimal(number)) {
            throw invalid(text);
        }
        long value;
        try {
            value = Long.parseLong(number);
        } catch (NumberFormatException overflow) {
            throw invalid(text);
        }
        if (value < min || value > max) {
            throw invalid(text);
        }
        return value;
    }

    /** {@code isspace} in the C locale. */
    private static boolean isBlank(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    /**
     * Checked before Long.parseLong, which on the JVM also takes other scripts' digits (strtol
     * takes ASCII only), so that a guest's unit tests and its module agree.
     */
    private static boolean isSignedDecimal(String s) {
        int i = !s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        if (i == s.length()) {
            return false;
        }
        for (; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private Args.UsageException invalid(String text) {
        return new Args.UsageException("invalid " + name + " '" + text + "': expected " + expected);
    }
}
