package org.wasmbpf.skeleton.java;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.wasmbpf.bpf.btf.Btf;
import org.wasmbpf.bpf.btf.BtfType;
import org.wasmbpf.bpf.layout.FieldLayout;
import org.wasmbpf.bpf.layout.LayoutModel;

/**
 * Writes the accessors of one view class: a getter for every field (and a setter for every
 * scalar), reading at the field's BTF offset through StructView's primitives, so a view reads
 * the struct where it lies. Anonymous struct/union members are flattened as C does; a member of
 * an anonymous type gets its fields under its own name ({@code namedS1()}).
 */
final class ViewWriter {
    /** StructView's and Object's methods, and the generated constant: no field may take these names. */
    private static final Set<String> RESERVED = Set.of("size", "at", "on", "field", "nested", "checkIndex", "bits",
            "u8", "i8", "bool", "u16", "i16", "i32", "u32", "i64", "f32", "f64", "putI8", "putI16", "putI32",
            "putI64", "string", "getClass", "hashCode", "equals", "toString", "notify", "notifyAll", "wait",
            "clone", "finalize");

    private final Btf btf;
    private final LayoutModel bpf;
    private final String self;
    private final StringBuilder out;
    private final String indent;
    private final Set<String> names = new HashSet<>(RESERVED);
    private final List<ViewField> fields = new ArrayList<>();
    private final StringBuilder viewFields = new StringBuilder();

    /** @param self the view's class name, which setters return */
    ViewWriter(Btf btf, LayoutModel bpf, String self, String indent, StringBuilder out) {
        this.btf = btf;
        this.bpf = bpf;
        this.self = self;
        this.indent = indent;
        this.out = out;
    }

    /** The fields written so far, for tests that compare them with clang's layout. */
    List<ViewField> fields() {
        return fields;
    }

    /** Members of a struct or union at {@code baseBits}, their paths under {@code prefix}. */
    void composite(BtfType.Composite c, String prefix, long baseBits) {
        List<FieldLayout> layout = bpf.members(c.id());
        for (int i = 0; i < layout.size(); i++) {
            BtfType.Member m = c.members().get(i);
            FieldLayout f = layout.get(i);
            slot(new Slot(prefix + m.name(), m.type(), baseBits + f.bitOffset(), m.bitfieldSize()));
        }
    }

    /** The private fields holding the nested views made so far; goes into the class body once. */
    String viewFields() {
        return viewFields.toString();
    }

    void slot(Slot s) {
        BtfType t = btf.resolve(s.typeId());
        String leaf = s.cPath().substring(s.cPath().lastIndexOf('.') + 1);
        if (t instanceof BtfType.Composite c && s.bitSize() == 0 && (leaf.isEmpty() || c.name().isEmpty())) {
            // anonymous member: its fields belong to this view; a named member of anonymous type
            // keeps its name as a prefix
            composite(c, leaf.isEmpty() ? s.cPath() : s.cPath() + ".", s.bitOffset());
            return;
        }
        String name = unique(JavaNames.member(s.cPath()));
        String doc = "{@code " + CTypes.declaration(btf, s.typeId(), s.cPath()) + "}";
        if (s.bitSize() > 0) {
            bitfield(s, name, t, doc);
        } else if (t instanceof BtfType.Array) {
            new ArrayAccessors(this, btf, bpf).write(s, name, doc);
        } else if (t instanceof BtfType.Composite c) {
            nestedView(s, name, c, doc);
        } else {
            Scalar k = Scalar.of(t);
            if (k == null) {
                comment(doc + " at " + s.bitOffset() / 8 + ": no Java accessor for this type");
                return;
            }
            long at = s.bitOffset() / 8;
            getter(doc + " at " + at + k.note(), k.javaType, name, "", k.read(Long.toString(at)), s, name);
            setter(k, name, "", Long.toString(at));
        }
    }

    private void bitfield(Slot s, String name, BtfType t, String doc) {
        boolean signed = t instanceof BtfType.Int i ? i.signed() : t instanceof BtfType.Enumeration e && e.signed();
        String read = "bits(" + s.bitOffset() + "L, " + s.bitSize() + ", " + signed + ")";
        boolean bool = t instanceof BtfType.Int i && i.isBool();
        getter(doc + ", " + s.bitSize() + "-bit field at bit " + s.bitOffset(), bool ? "boolean" : "long", name, "",
                bool ? read + " != 0" : read, s, name);
    }

    private void nestedView(Slot s, String name, BtfType.Composite c, String doc) {
        String type = JavaNames.type(c.name());
        long at = s.bitOffset() / 8;
        String holder = viewHolder(type, name);
        getter(doc + " at " + at + ", a view in the same memory", type, name, "",
                "nested(" + holder + ", " + at + ")", s, name);
    }

    /** A private field for a nested view, made on first use and then reused. */
    String viewHolder(String type, String name) {
        String field = name + "View";
        viewFields.append(indent).append("private ").append(type).append(' ').append(field).append(";\n");
        return field + " == null ? " + field + " = new " + type + "() : " + field;
    }

    void getter(String doc, String type, String name, String params, String expression, Slot s, String method) {
        out.append('\n').append(indent).append("/** ").append(doc).append(". */\n");
        out.append(indent).append("public ").append(type).append(' ').append(name).append('(').append(params).append(") {\n");
        out.append(indent).append("    return ").append(expression).append(";\n");
        out.append(indent).append("}\n");
        if (s != null) {
            fields.add(new ViewField(s.cPath(), method, s.bitOffset(), s.bitSize()));
        }
    }

    void setter(Scalar k, String name, String params, String offset) {
        String sep = params.isEmpty() ? "" : ", ";
        out.append('\n').append(indent).append("public ").append(self).append(' ').append(name).append('(')
                .append(params).append(sep).append(k.javaType).append(" value) {\n");
        out.append(indent).append("    ").append(k.write(offset)).append(";\n");
        out.append(indent).append("    return this;\n");
        out.append(indent).append("}\n");
    }

    void constant(String name, long value, String doc) {
        out.append('\n').append(indent).append("/** ").append(doc).append(". */\n");
        out.append(indent).append("public static final int ").append(unique(name)).append(" = ").append(value).append(";\n");
    }

    void comment(String text) {
        out.append('\n').append(indent).append("// ").append(text).append('\n');
    }

    /** A name not yet used in this class: a clash (with StructView, or after camel-casing) gets a number. */
    String unique(String name) {
        String n = name;
        for (int i = 2; !names.add(n); i++) {
            n = name + i;
        }
        return n;
    }
}
