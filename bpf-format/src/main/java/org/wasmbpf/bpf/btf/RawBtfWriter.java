package org.wasmbpf.bpf.btf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes raw BTF (the layout {@link BtfParser} reads): 32-bit words of the type section, and a
 * string section that gets each string once, as the types name them; {@link #build} puts the
 * header in front of both.
 */
public final class RawBtfWriter {
    private static final int HEADER_LEN = 24;

    private final ByteArrayOutputStream types = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final Map<String, Integer> offsets = new HashMap<>();

    public RawBtfWriter() {
        strings.write(0);
        offsets.put("", 0);
    }

    /** The string's offset, adding it to the string section if new. */
    public int str(String s) {
        return offsets.computeIfAbsent(s, k -> {
            int off = strings.size();
            strings.writeBytes(k.getBytes(StandardCharsets.UTF_8));
            strings.write(0);
            return off;
        });
    }

    /** Appends one little-endian word to the type section. */
    public void u32(int v) {
        types.write(v);
        types.write(v >>> 8);
        types.write(v >>> 16);
        types.write(v >>> 24);
    }

    /** Header, types and strings. */
    public byte[] build() {
        return build(0);
    }

    /** @param strLenExtra added to the header's string length, to fake a truncated string section */
    public byte[] build(int strLenExtra) {
        byte[] t = types.toByteArray();
        byte[] s = strings.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(HEADER_LEN + t.length + s.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0xEB9F).put((byte) 1).put((byte) 0).putInt(HEADER_LEN);
        b.putInt(0).putInt(t.length).putInt(t.length).putInt(s.length + strLenExtra);
        return b.put(t).put(s).array();
    }
}
