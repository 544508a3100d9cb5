package org.wasmbpf.host.runner;

import java.util.List;

/** libbpf-tools' print_log2_hist, line for line, so its readers (and eyes) read ours. */
final class Log2HistogramText {
    private static final int STARS_MAX = 40;

    private Log2HistogramText() {}

    /** The lines for these bucket counts; none when every bucket is empty. */
    static List<String> lines(long[] vals, String unit) {
        int idxMax = -1;
        long valMax = 0;
        for (int i = 0; i < vals.length; i++) {
            if (vals[i] > 0) {
                idxMax = i;
            }
            valMax = Math.max(valMax, vals[i]);
        }
        if (idxMax < 0) {
            return List.of();
        }
        boolean narrow = idxMax <= 32;
        List<String> out = new java.util.ArrayList<>();
        out.add(" ".repeat(narrow ? 5 : 15) + String.format("%-" + (narrow ? 19 : 29) + "s", unit) + " : count    distribution");
        int stars = narrow ? STARS_MAX : STARS_MAX / 2;
        int width = narrow ? 10 : 20;
        for (int i = 0; i <= idxMax; i++) {
            long low = (1L << (i + 1)) >>> 1;
            long high = (1L << (i + 1)) - 1;
            if (low == high) {
                low -= 1;
            }
            out.add(String.format("%" + width + "d -> %-" + width + "d : %-8d |%s|", low, high, vals[i],
                    stars(vals[i], valMax, stars)));
        }
        return out;
    }

    private static String stars(long val, long valMax, int width) {
        int numStars = (int) (Math.min(val, valMax) * width / valMax);
        return "*".repeat(numStars) + " ".repeat(width - numStars) + (val > valMax ? "+" : "");
    }
}
