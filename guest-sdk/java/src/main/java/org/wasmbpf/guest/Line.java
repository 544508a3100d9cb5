package org.wasmbpf.guest;

/**
 * A line of output built piece by piece, printf's columns included ({@code %-16s} is
 * {@code left(text, 16)}, {@code %7d} is {@code right(n, 7)}), then printed; {@link #println}
 * empties it for the next line, so a tool keeps one:
 *
 * <pre>{@code
 * line.left(comm, 16).add(" ").right(pid, 7).println();   // printf("%-16s %7d\n", comm, pid)
 * }</pre>
 *
 * <p>It stands in for {@code String.format}, which brings tens of kilobytes of class library into
 * a module, and for StringBuilder, which brings the class library's number formatting.
 */
public final class Line {
    private char[] chars = new char[128];
    private int length;

    public Line add(String text) {
        return pad(text, 0, false);
    }

    public Line add(long value) {
        return pad(Text.decimal(value), 0, false);
    }

    /** {@code %-Ns}: text, then blanks up to {@code width} columns; longer text is not cut. */
    public Line left(String text, int width) {
        return pad(text, width, false);
    }

    /** {@code %-Nd}. */
    public Line left(long value, int width) {
        return pad(Text.decimal(value), width, false);
    }

    /** {@code %Ns}: blanks, then text, in {@code width} columns. */
    public Line right(String text, int width) {
        return pad(text, width, true);
    }

    /** {@code %Nd}. */
    public Line right(long value, int width) {
        return pad(Text.decimal(value), width, true);
    }

    /** Prints the line and a newline on stdout, and empties it. */
    public void println() {
        pad("\n", 0, false);
        Console.print(toString());
        length = 0;
    }

    /** Empties the line without printing it. */
    public Line clear() {
        length = 0;
        return this;
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }

    private Line pad(String text, int width, boolean right) {
        int blanks = Math.max(width - text.length(), 0);
        int need = length + blanks + text.length();
        if (need > chars.length) {
            char[] bigger = new char[Math.max(need, chars.length * 2)];
            System.arraycopy(chars, 0, bigger, 0, length);
            chars = bigger;
        }
        if (!right) {
            text.getChars(0, text.length(), chars, length);
            length += text.length();
        }
        for (int i = 0; i < blanks; i++) {
            chars[length++] = ' ';
        }
        if (right) {
            text.getChars(0, text.length(), chars, length);
            length += text.length();
        }
        return this;
    }
}
