package org.wasmbpf.host.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wasmbpf.bpf.btf.BtfType;

/**
 * A map whose values hold a log2 histogram in a {@code slots} array member (runqlat's
 * {@code struct hist}): per entry its key and other value members, then the histogram as
 * libbpf-tools print it; with --json one object per entry.
 */
final class HistogramReport implements MapReport {
    static final String SLOTS = "slots";

    private final MapTarget map;
    private final BtfValues values;
    private final String unit;
    private final PrintStream out;
    private final ObjectMapper json;

    HistogramReport(MapTarget map, BtfValues values, String unit, PrintStream out, ObjectMapper json) {
        this.map = map;
        this.values = values;
        this.unit = unit;
        this.out = out;
        this.json = json;
    }

    /** Whether a map's value type carries a histogram: a struct with an integer array {@code slots}. */
    static boolean holdsHistogram(BtfValues values, int valueType) {
        if (valueType == 0 || !(values.btf().resolve(valueType) instanceof BtfType.Composite c)) {
            return false;
        }
        return c.members().stream().anyMatch(m -> m.name().equals(SLOTS)
                && values.btf().resolve(m.type()) instanceof BtfType.Array a
                && values.btf().resolve(a.elementType()) instanceof BtfType.Int);
    }

    @Override
    public String mapName() {
        return map.name();
    }

    @Override
    public void print() {
        for (MapEntries.Entry e : MapEntries.read(map.fd(), map.keySize(), map.valueSize(), true)) {
            Object key = map.keyType() == 0 ? null : values.decode(map.keyType(), ByteBuffer.wrap(e.key()), 0);
            Map<String, Object> value = values.composite(
                    (BtfType.Composite) values.btf().resolve(map.valueType()), ByteBuffer.wrap(e.value()), 0);
            if (json != null) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("map", map.name());
                o.put("key", key);
                o.putAll(value);
                out.println(JsonSamplePrinter.write(json, o));
                continue;
            }
            out.println();
            if (key != null) {
                out.println("key = " + key);
            }
            value.forEach((name, v) -> {
                if (!name.equals(SLOTS) && !isEmpty(v)) {
                    out.println(name + " = " + v);
                }
            });
            Log2HistogramText.lines(counts(value.get(SLOTS)), unit).forEach(out::println);
        }
        out.flush();
    }

    private static boolean isEmpty(Object v) {
        return v == null || v.equals("") || v.equals(0L) || v.equals(Boolean.FALSE);
    }

    private static long[] counts(Object slots) {
        List<?> list = (List<?>) slots;
        long[] counts = new long[list.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = ((Number) list.get(i)).longValue();
        }
        return counts;
    }
}
