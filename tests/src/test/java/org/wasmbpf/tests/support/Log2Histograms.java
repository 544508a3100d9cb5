package org.wasmbpf.tests.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the histograms that print_log2_hist writes, in libbpf-tools' format. */
public final class Log2Histograms {
    private static final Pattern HEADER = Pattern.compile("^\\s+(usecs|msecs)\\s+: count\\s+distribution$");
    private static final Pattern ROW = Pattern.compile("^\\s*(\\d+) -> (\\d+)\\s+: (\\d+)\\s+\\|\\**\\s*\\|$");

    private Log2Histograms() {}

    /** One histogram: the unit of its header and the counts of its rows, in order. */
    public record Histogram(String unit, List<long[]> rows) {
        public long total() {
            return rows.stream().mapToLong(r -> r[2]).sum();
        }
    }

    public static List<Histogram> parse(List<String> lines) {
        List<Histogram> out = new ArrayList<>();
        Histogram current = null;
        for (String line : lines) {
            Matcher h = HEADER.matcher(line);
            if (h.matches()) {
                current = new Histogram(h.group(1), new ArrayList<>());
                out.add(current);
                continue;
            }
            Matcher r = ROW.matcher(line);
            if (current != null && r.matches()) {
                current.rows().add(new long[] {
                    Long.parseLong(r.group(1)), Long.parseLong(r.group(2)), Long.parseLong(r.group(3))
                });
            }
        }
        return out;
    }
}
