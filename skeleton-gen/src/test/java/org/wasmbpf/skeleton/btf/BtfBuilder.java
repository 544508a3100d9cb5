package org.wasmbpf.skeleton.btf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Writes raw BTF type by type, for decoder tests and for corrupting an object's BTF on purpose. */
public final class BtfBuilder {
    private final ByteArrayOutputStream types = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final Map<String, Integer> offsets = new HashMap<>();
    private int next = 1;

    public BtfBuilder() {
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

    /** Appends one type record; returns its id. */
    public int type(int nameOff, int kind, int vlen, boolean kindFlag, int sizeOrType, int... extra) {
        u32(nameOff);
        u32((kindFlag ? 1 << 31 : 0) | (kind << 24) | vlen);
        u32(sizeOrType);
        for (int e : extra) {
            u32(e);
        }
        return next++;
    }

    public int type(String name, int kind, int vlen, boolean kindFlag, int sizeOrType, int... extra) {
        return type(str(name), kind, vlen, kindFlag, sizeOrType, extra);
    }

    public int intType(String name, int size, int encoding) {
        return type(name, BtfKind.INT, 0, false, size, (encoding << 24) | (size * 8));
    }

    public int ptr(int target) {
        return type(0, BtfKind.PTR, 0, false, target);
    }

    /** Raw 32-bit words appended to the type section, e.g. a member entry. */
    public BtfBuilder words(int... words) {
        for (int w : words) {
            u32(w);
        }
        return this;
    }

    public byte[] build() {
        return build(0);
    }

    /** @param strLenExtra added to the header's string length, to fake a truncated string section */
    public byte[] build(int strLenExtra) {
        byte[] t = types.toByteArray();
        byte[] s = strings.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(24 + t.length + s.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0xEB9F).put((byte) 1).put((byte) 0).putInt(24);
        b.putInt(0).putInt(t.length).putInt(t.length).putInt(s.length + strLenExtra);
        b.put(t).put(s);
        return b.array();
    }

    private void u32(int v) {
        types.write(v);
        types.write(v >>> 8);
        types.write(v >>> 16);
        types.write(v >>> 24);
    }
}
