package org.wasmbpf.guest;

/**
 * libbpf-tools' {@code print_log2_hist}, character for character (as guest-sdk/c/trace_helpers.h):
 * slot i counts values in [2^i, 2^(i+1) - 1], slot 0 counts 0 and 1; counts are unsigned 32-bit.
 */
public final class Log2Hist {
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
        StringBuilder out = new StringBuilder();
        if (last < 0) {
            return "";
        }
        // Slots past 32 need wider numbers; the bars get shorter to keep the lines short.
        boolean wide = last > 32;
        int numWidth = wide ? 20 : 10;
        int barWidth = wide ? 20 : 40;
        out.append(Text.right("", wide ? 15 : 5)).append(Text.left(valType, wide ? 29 : 19))
                .append(" : count    distribution\n");
        for (int i = 0; i <= last; i++) {
            long high = (1L << i << 1) - 1;
            long low = i == 0 ? 0 : 1L << i;
            out.append(Text.right(Long.toUnsignedString(low), numWidth)).append(" -> ")
                    .append(Text.left(Long.toUnsignedString(high), numWidth)).append(" : ")
                    .append(Text.left(Integer.toUnsignedString(slots[i]), 8)).append(" |");
            appendBar(out, slots[i], max, barWidth);
            out.append("|\n");
        }
        return out.toString();
    }

    private static void appendBar(StringBuilder out, int value, int max, int width) {
        long filled = max == 0 ? 0
                : (value & 0xFFFFFFFFL) * width / (max & 0xFFFFFFFFL);
        for (int i = 0; i < width; i++) {
            out.append(i < filled ? '*' : ' ');
        }
    }
}
