package org.wasmbpf.skeleton.java;

import java.util.List;
import org.wasmbpf.bpf.btf.Btf;
import org.wasmbpf.bpf.btf.BtfType;
import org.wasmbpf.bpf.layout.LayoutModel;

/** One view class per shared struct or union: {@code struct event} -> {@code Event.java}. */
final class StructViewEmitter {
    private final Btf btf;
    private final LayoutModel bpf;
    private final String header;

    StructViewEmitter(Btf btf, LayoutModel bpf, String header) {
        this.btf = btf;
        this.bpf = bpf;
        this.header = header;
    }

    /** The class's source; its fields are added to {@code fields} (for tests). */
    String emit(BtfType.Composite c, List<ViewField> fields) {
        String cls = JavaNames.type(c.name());
        String keyword = c instanceof BtfType.Union ? "union" : "struct";
        long size = bpf.sizeOf(c.id());
        StringBuilder accessors = new StringBuilder();
        ViewWriter w = new ViewWriter(btf, bpf, cls, "    ", accessors);
        w.composite(c, "", 0);
        fields.addAll(w.fields());
        StringBuilder out = new StringBuilder(header);
        out.append("import org.teavm.interop.Address;\n");
        out.append("import org.wasmbpf.guest.StructView;\n\n");
        out.append("/**\n * {@code ").append(keyword).append(' ').append(c.name()).append("} (").append(size)
                .append(" bytes), read where it lies: point the view at a sample with {@link #at}, or at a map\n")
                .append(" * value with {@link #on}; getters read at the offsets of the BPF object's BTF.\n */\n");
        out.append("public final class ").append(cls).append(" extends StructView {\n");
        out.append("    /** Bytes, as in the BPF object. */\n");
        out.append("    public static final int SIZE = ").append(size).append(";\n");
        out.append(w.viewFields());
        out.append("\n    @Override\n    public int size() {\n        return SIZE;\n    }\n");
        out.append(covariant(cls, "    "));
        out.append(accessors);
        out.append("}\n");
        return out.toString();
    }

    /** at() and on() returning the view's own type, so that {@code event.at(data).pid()} reads well. */
    static String covariant(String cls, String in) {
        return "\n" + in + "@Override\n" + in + "public " + cls + " at(Address address) {\n"
                + in + "    super.at(address);\n" + in + "    return this;\n" + in + "}\n"
                + "\n" + in + "@Override\n" + in + "public " + cls + " on(byte[] bytes, int offset) {\n"
                + in + "    super.on(bytes, offset);\n" + in + "    return this;\n" + in + "}\n";
    }
}
