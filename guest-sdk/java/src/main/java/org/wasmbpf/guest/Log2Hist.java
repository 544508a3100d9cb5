package org.wasmbpf.guest;

/**
 * libbpf-tools' {@code print_log2_hist}, character for character (as guest-sdk/c/trace_helpers.h):
 * slot i counts values in [2^i, 2^(i+1) - 1], slot 0 counts 0 and 1; counts are unsigned 32-bit.
 */
public final class Log2Hist {
    /** The longest bar. */
    private static final String STARS = "****************************************";

    private Log2Hist() {
    }

    /** Prints the histogram on stdout; nothing when every slot is empty. */
    public static void print(int[] slots, String valType) {
        Console.print(format(slots, slots.length, valType));
    }

    /** The histogram of {@code slots[0, count)} as text, one line per slot up to the last non-empty one. */
    public static String format(int[] slots, int count, String valType) {
        int last = -1;
        int max = 0;
        for (int i = 0; i < count; i++) {
            if (slots[i] != 0) {
                last = i;
            }
            if (Integer.compareUnsigned(slots[i], max) > 0) {
                max = slots[i];
            }
        }
        if (last < 0) {
            return "";
        }
        Line out = new Line();
        // Slots past 32 need wider numbers; the bars get shorter to keep the lines short.
        boolean wide = last > 32;
        int numWidth = wide ? 20 : 10;
        int barWidth = wide ? 20 : 40;
        out.right("", wide ? 15 : 5);
        out.left(valType, wide ? 29 : 19);
        out.add(" : count    distribution\n");
        for (int i = 0; i <= last; i++) {
            long high = (1L << i << 1) - 1;
            long low = i == 0 ? 0 : 1L << i;
            out.right(Text.unsignedDecimal(low), numWidth);
            out.add(" -> ");
            out.left(Text.unsignedDecimal(high), numWidth);
            out.add(" : ");
            out.left(slots[i] & 0xFFFFFFFFL, 8);
            out.add(" |");
            appendBar(out, slots[i], max, barWidth);
            out.add("|\n");
        }
        return out.toString();
    }

    private static void appendBar(Line out, int value, int max, int width) {
        int filled = max == 0 ? 0 : (int) ((value & 0xFFFFFFFFL) * width / (max & 0xFFFFFFFFL));
        out.left(STARS.substring(0, filled), width);
    }
}
