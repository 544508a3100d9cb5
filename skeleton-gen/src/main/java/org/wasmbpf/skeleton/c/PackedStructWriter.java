package org.wasmbpf.skeleton.c;

import java.util.List;
import org.wasmbpf.bpf.BadInputException;
import org.wasmbpf.bpf.btf.Btf;
import org.wasmbpf.bpf.btf.BtfType;
import org.wasmbpf.bpf.layout.LayoutModel;
import org.wasmbpf.bpf.layout.Target;

/**
 * Writes a struct or union so that wasm32 places every member at its BPF (BTF) offset: members
 * get fixed-width types (pointers and long become 64-bit integers), gaps become explicit
 * {@code char __padN[k]} members (or unnamed bitfields for gaps that are not whole bytes), and
 * the type is {@code __attribute__((packed))} so the compiler adds no padding of its own.
 * Packed bitfields are allocated bit after bit from the least significant end on both targets,
 * so bitfields keep their BTF bit offsets too.
 */
final class PackedStructWriter {
    /** One member to place: a struct member, or a global variable of a data section. */
    record Slot(String name, int typeId, long bitOffset, int bitSize) {
    }

    private final Btf btf;
    private final LayoutModel bpf;
    private final boolean inlineNamed;
    private int pads;

    /**
     * @param inlineNamed write named structs a member contains inline (anonymous) instead of
     *                    referring to their definition, for a header that must stand alone
     */
    PackedStructWriter(Btf btf, boolean inlineNamed) {
        this.btf = btf;
        this.bpf = new LayoutModel(btf, Target.BPF);
        this.inlineNamed = inlineNamed;
    }

    /** {@code struct X { ... } __attribute__((packed))}, without the final ';'. */
    String definition(BtfType.Composite c) {
        pads = 0;
        StringBuilder out = new StringBuilder();
        out.append(keyword(c)).append(' ').append(c.name()).append(" {\n");
        body(c, "\t", out);
        return out.append("} __attribute__((packed))").toString();
    }

    /** A packed struct body from explicit slots, e.g. the variables of .rodata. */
    String structBody(List<Slot> slots, long size, String what, String indent) {
        pads = 0;
        StringBuilder out = new StringBuilder();
        members(slots, false, size, what, indent, out);
        return out.toString();
    }

    static String keyword(BtfType.Composite c) {
        return c instanceof BtfType.Union ? "union" : "struct";
    }

    private void body(BtfType.Composite c, String indent, StringBuilder out) {
        List<Slot> slots = c.members().stream()
                .map(m -> new Slot(m.name(), m.type(), m.bitOffset(), m.bitfieldSize())).toList();
        String what = keyword(c) + " " + (c.name().isEmpty() ? "[" + c.id() + "]" : c.name());
        members(slots, c instanceof BtfType.Union, c.size(), what, indent, out);
    }

    private void members(List<Slot> slots, boolean union, long size, String what, String indent, StringBuilder out) {
        long cursor = 0;
        for (Slot s : slots) {
            if (union && s.bitOffset() != 0) {
                throw new BadInputException(what + ": union member '" + s.name() + "' is not at offset 0");
            }
            if (!union) {
                if (s.bitOffset() < cursor) {
                    throw new BadInputException(what + ": member '" + s.name() + "' at bit " + s.bitOffset()
                            + " overlaps the member before it (which ends at bit " + cursor + ")");
                }
                gap(cursor, s.bitOffset(), indent, out);
            }
            long end;
            if (s.bitSize() > 0) {
                out.append(indent).append(bitfieldType(s, what)).append(' ').append(s.name())
                        .append(" : ").append(s.bitSize()).append(";\n");
                end = s.bitOffset() + s.bitSize();
            } else {
                out.append(indent).append(declaration(s.typeId(), s.name(), indent, what)).append(";\n");
                end = s.bitOffset() + bpf.sizeOf(s.typeId()) * 8;
            }
            cursor = union ? Math.max(cursor, end) : end;
        }
        if (cursor > size * 8) {
            throw new BadInputException(what + ": members end at bit " + cursor + ", past its size of " + size + " bytes");
        }
        if (union) {
            if (cursor < size * 8) {
                out.append(indent).append("char __pad").append(pads++).append('[').append(size).append("];\n");
            }
        } else {
            gap(cursor, size * 8, indent, out);
        }
    }

    private void gap(long from, long to, String indent, StringBuilder out) {
        if (to <= from) {
            return;
        }
        if (from % 8 != 0) {
            long bits = Math.min(to, (from + 7) / 8 * 8) - from;
            out.append(indent).append("uint8_t : ").append(bits).append(";\n");
            from += bits;
        }
        long bytes = (to - from) / 8;
        if (bytes > 0) {
            out.append(indent).append("char __pad").append(pads++).append('[').append(bytes).append("];\n");
            from += bytes * 8;
        }
        if (to > from) {
            out.append(indent).append("uint8_t : ").append(to - from).append(";\n");
        }
    }

    /** The C declaration of a member of this type named {@code name} (which may be empty). */
    String declaration(int typeId, String name, String indent, String what) {
        BtfType t = btf.resolve(typeId);
        String sep = name.isEmpty() ? "" : " ";
        if (t instanceof BtfType.Array a) {
            return declaration(a.elementType(), name + "[" + Integer.toUnsignedString(a.count()) + "]", indent, what);
        }
        if (t instanceof BtfType.Composite c) {
            if (!c.name().isEmpty() && !inlineNamed) {
                return keyword(c) + " " + c.name() + sep + name;
            }
            StringBuilder out = new StringBuilder(keyword(c)).append(" {\n");
            body(c, indent + "\t", out);
            return out.append(indent).append("} __attribute__((packed))").append(sep).append(name).toString();
        }
        return scalarType(t, name, what) + sep + name;
    }

    private String scalarType(BtfType t, String member, String what) {
        if (t instanceof BtfType.Int i) {
            if (i.isBool()) {
                return "bool";
            }
            if (i.size() == 1 && i.name().equals("char")) {
                return "char";
            }
            return fixedInt(i.size(), i.signed(), member, what);
        }
        if (t instanceof BtfType.Ptr) {
            return "uint64_t";
        }
        if (t instanceof BtfType.Enumeration e) {
            return fixedInt(e.size(), e.signed(), member, what);
        }
        if (t instanceof BtfType.Float f) {
            switch (f.size()) {
                case 4: return "float";
                case 8: return "double";
                case 16: return "long double";
                default: break;
            }
        }
        throw new BadInputException(what + ": member '" + member + "' has type [" + t.id() + "] "
                + org.wasmbpf.bpf.btf.BtfKind.name(t.kind()) + " " + t.name() + ", which has no wasm32 equivalent");
    }

    private String bitfieldType(Slot s, String what) {
        BtfType t = btf.resolve(s.typeId());
        if (t instanceof BtfType.Int || t instanceof BtfType.Enumeration) {
            return scalarType(t, s.name(), what);
        }
        throw new BadInputException(what + ": bitfield '" + s.name() + "' is neither an integer nor an enum");
    }

    private static String fixedInt(int size, boolean signed, String member, String what) {
        switch (size) {
            case 1: case 2: case 4: case 8:
                return (signed ? "int" : "uint") + (size * 8) + "_t";
            case 16:
                return signed ? "__int128" : "unsigned __int128";
            default:
                throw new BadInputException(what + ": member '" + member + "' is a " + size + "-byte integer");
        }
    }
}
