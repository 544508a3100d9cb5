package org.wasmbpf.skeleton.java;

import org.wasmbpf.bpf.btf.Btf;
import org.wasmbpf.bpf.btf.BtfType;

/** A C type as the BPF source spells it, for the generated comments. */
final class CTypes {
    private CTypes() {
    }

    /** {@code char comm[16]}, {@code unsigned int exit_code}. */
    static String declaration(Btf btf, int typeId, String name) {
        String type = describe(btf, typeId);
        int dims = type.indexOf('[');
        return dims < 0 ? type + " " + name : type.substring(0, dims) + " " + name + type.substring(dims);
    }

    static String describe(Btf btf, int typeId) {
        BtfType t = btf.stripQualifiers(typeId);
        if (t instanceof BtfType.Array a) {
            StringBuilder dims = new StringBuilder();
            while (t instanceof BtfType.Array arr) {
                dims.append('[').append(Integer.toUnsignedString(arr.count())).append(']');
                t = btf.stripQualifiers(arr.elementType());
            }
            return describe(btf, t.id()) + dims;
        }
        if (t instanceof BtfType.Ptr p) {
            return btf.stripQualifiers(p.type()) instanceof BtfType.FuncProto ? "function pointer"
                    : describe(btf, p.type()) + " *";
        }
        if (t instanceof BtfType.Composite c) {
            return (c instanceof BtfType.Union ? "union" : "struct") + (c.name().isEmpty() ? "" : " " + c.name());
        }
        if (t instanceof BtfType.Enumeration e) {
            return "enum" + (e.name().isEmpty() ? "" : " " + e.name());
        }
        return t.name();
    }
}
