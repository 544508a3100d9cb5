package org.wasmbpf.host.runner;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wasmbpf.bpf.btf.BtfType;

/**
 * bcc-style columns: the time of day the sample arrived, then one column per member of the
 * sample struct, named after the member in capitals and wide enough for its type, the last one
 * unpadded. Without a known sample type: its size and bytes in hex.
 */
final class TextSamplePrinter implements SamplePrinter {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final PrintStream out;
    private final BtfValues values;
    private final BtfType.Composite type;
    private final List<Integer> widths = new ArrayList<>();
    private final String header;

    TextSamplePrinter(PrintStream out, BtfValues values, BtfType.Composite type) {
        this.out = out;
        this.values = values;
        this.type = type;
        StringBuilder h = new StringBuilder(pad("TIME", 8));
        if (type == null) {
            h.append(' ').append(pad("SIZE", 6)).append(' ').append("DATA");
        } else {
            List<BtfType.Member> members = type.members();
            for (int i = 0; i < members.size(); i++) {
                String name = members.get(i).name().toUpperCase(Locale.ROOT);
                int width = Math.max(name.length(), typeWidth(members.get(i).type()));
                widths.add(width);
                h.append(' ').append(i == members.size() - 1 ? name : pad(name, width));
            }
        }
        this.header = h.toString();
    }

    @Override
    public String header() {
        return header;
    }

    @Override
    public void print(ByteBuffer sample) {
        StringBuilder line = new StringBuilder(LocalTime.now().format(TIME));
        if (type == null || sample.remaining() < type.size()) {
            byte[] bytes = SamplePrinter.bytesOf(sample);
            line.append(' ').append(pad(Integer.toString(bytes.length), 6)).append(' ').append(HexFormat.of().formatHex(bytes));
        } else {
            Map<String, Object> fields = values.composite(type, sample.slice(), 0);
            int i = 0;
            for (Object v : fields.values()) {
                String text = String.valueOf(v);
                line.append(' ').append(i == widths.size() - 1 ? text : pad(text, widths.get(i)));
                i++;
            }
        }
        out.println(line);
    }

    private int typeWidth(int typeId) {
        if (values.isCharArray(typeId)) {
            return (int) Math.min(values.sizeOf(typeId), 16);
        }
        long size = values.sizeOf(typeId);
        return size <= 2 ? 5 : size <= 4 ? 7 : 10;
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
