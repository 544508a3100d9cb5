package org.wasmbpf.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and spread of repeated measurements. */
public record Stats(double median, double min, double max, int n) {
    public static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Stats(median, sorted.get(0), sorted.get(n - 1), n);
    }

    public boolean isEmpty() {
        return n == 0;
    }

    /** "12.3 (11.0-14.1)" with the given number of decimals. */
    public String format(int decimals) {
        if (n == 0) {
            return "-";
        }
        String f = "%." + decimals + "f";
        return n == 1 ? String.format(f, median)
                : String.format(f + " (" + f + "-" + f + ")", median, min, max);
    }
}
