package org.wasmbpf.host.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wasmbpf.bpf.btf.BtfType;

/**
 * A hash map as a key/value table: a line with the time and the map's name, a header of the
 * key's and value's members (KEY or VALUE for a plain number), one line per entry; with --json
 * one {@code {"map":..,"key":..,"value":..}} object per entry. The map is read, not cleared:
 * it may be the program's own state, and counts then show as running totals.
 */
final class TableReport implements MapReport {
    private static final int COLUMN = 10;

    private final MapTarget map;
    private final BtfValues values;
    private final PrintStream out;
    private final ObjectMapper json;

    TableReport(MapTarget map, BtfValues values, PrintStream out, ObjectMapper json) {
        this.map = map;
        this.values = values;
        this.out = out;
        this.json = json;
    }

    @Override
    public String mapName() {
        return map.name();
    }

    @Override
    public void print() {
        List<MapEntries.Entry> entries = MapEntries.read(map.fd(), map.keySize(), map.valueSize(), false);
        if (entries.isEmpty()) {
            return;
        }
        if (json == null) {
            out.println(LocalTime.now().format(TextSamplePrinter.TIME) + " " + map.name());
            List<String> names = new ArrayList<>(columns(map.keyType(), "KEY"));
            names.addAll(columns(map.valueType(), "VALUE"));
            out.println(row(names));
        }
        for (MapEntries.Entry e : entries) {
            Object key = values.decode(map.keyType(), ByteBuffer.wrap(e.key()), 0);
            Object value = values.decode(map.valueType(), ByteBuffer.wrap(e.value()), 0);
            if (json != null) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("map", map.name());
                o.put("key", key);
                o.put("value", value);
                out.println(JsonSamplePrinter.write(json, o));
            } else {
                List<String> cells = new ArrayList<>(cells(key));
                cells.addAll(cells(value));
                out.println(row(cells));
            }
        }
        out.flush();
    }

    private List<String> columns(int typeId, String plain) {
        if (values.btf().resolve(typeId) instanceof BtfType.Composite c) {
            return c.members().stream().map(m -> m.name().toUpperCase(Locale.ROOT)).toList();
        }
        return List.of(plain);
    }

    @SuppressWarnings("unchecked")
    private static List<String> cells(Object v) {
        if (v instanceof Map<?, ?> m) {
            return ((Map<String, Object>) m).values().stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(v));
    }

    private static String row(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(i == 0 ? "" : " ").append(i == cells.size() - 1 ? cells.get(i) : TextSamplePrinter.pad(cells.get(i), COLUMN));
        }
        return line.toString();
    }
}
