package org.wasmbpf.host.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wasmbpf.bpf.btf.BtfType;

/**
 * One JSON object per sample and line, its keys the sample struct's member names; without a
 * known sample type, {@code {"size": N, "data": "hex"}}.
 */
final class JsonSamplePrinter implements SamplePrinter {
    private final PrintStream out;
    private final BtfValues values;
    private final BtfType.Composite type;
    private final ObjectMapper json;

    JsonSamplePrinter(PrintStream out, BtfValues values, BtfType.Composite type, ObjectMapper json) {
        this.out = out;
        this.values = values;
        this.type = type;
        this.json = json;
    }

    @Override
    public String header() {
        return null;
    }

    @Override
    public void print(ByteBuffer sample) {
        Map<String, Object> fields;
        if (type == null || sample.remaining() < type.size()) {
            byte[] bytes = SamplePrinter.bytesOf(sample);
            fields = new LinkedHashMap<>();
            fields.put("size", bytes.length);
            fields.put("data", HexFormat.of().formatHex(bytes));
        } else {
            fields = values.composite(type, sample.slice(), 0);
        }
        out.println(write(json, fields));
    }

    static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
