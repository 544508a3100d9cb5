package org.wasmbpf.bpf.btf;

/** Writes raw BTF type by type, for decoder tests and for corrupting an object's BTF on purpose. */
public final class BtfBuilder {
    private final RawBtfWriter out = new RawBtfWriter();
    private int next = 1;

    /** The string's offset, adding it to the string section if new. */
    public int str(String s) {
        return out.str(s);
    }

    /** Appends one type record; returns its id. */
    public int type(int nameOff, int kind, int vlen, boolean kindFlag, int sizeOrType, int... extra) {
        out.u32(nameOff);
        out.u32((kindFlag ? 1 << 31 : 0) | (kind << 24) | vlen);
        out.u32(sizeOrType);
        for (int e : extra) {
            out.u32(e);
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
            out.u32(w);
        }
        return this;
    }

    public byte[] build() {
        return out.build();
    }

    /** @param strLenExtra added to the header's string length, to fake a truncated string section */
    public byte[] build(int strLenExtra) {
        return out.build(strLenExtra);
    }
}
