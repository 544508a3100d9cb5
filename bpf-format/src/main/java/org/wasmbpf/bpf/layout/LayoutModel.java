package org.wasmbpf.bpf.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wasmbpf.bpf.btf.Btf;
import org.wasmbpf.bpf.btf.BtfFormatException;
import org.wasmbpf.bpf.btf.BtfKind;
import org.wasmbpf.bpf.btf.BtfType;

/**
 * Sizes, alignments and member offsets of BTF types for a {@link Target}. For BPF the offsets and
 * sizes are BTF's own (clang wrote them for that target); for wasm32 the same declarations are
 * laid out again by the System V rules clang uses there: natural alignment, 4-byte long and
 * pointers, bitfields packed into units of their declared type. BTF does not record
 * {@code packed}/{@code aligned} attributes or unnamed bitfields, so a struct whose BTF offsets
 * are not naturally aligned is taken to be packed on both targets; explicit over-alignment is
 * not modelled.
 */
public final class LayoutModel {
    private final Btf btf;
    private final Target target;
    private final Map<Integer, Shape> cache = new HashMap<>();
    private LayoutModel bpf;

    public LayoutModel(Btf btf, Target target) {
        this.btf = btf;
        this.target = target;
    }

    public Target target() {
        return target;
    }

    public long sizeOf(int typeId) {
        return shape(typeId).size();
    }

    public int alignOf(int typeId) {
        return shape(typeId).align();
    }

    /** The direct members of a struct or union, with their offsets for this target. */
    public List<FieldLayout> members(int compositeId) {
        return shape(compositeId).members();
    }

    /**
     * Every member, recursively: anonymous members contribute their members under the parent's
     * path, named struct/union members contribute "outer.inner" paths after their own entry.
     */
    public StructLayout layout(int compositeId) {
        BtfType t = btf.resolve(compositeId);
        if (!(t instanceof BtfType.Composite c)) {
            throw new IllegalArgumentException("type [" + compositeId + "] is not a struct or union");
        }
        List<FieldLayout> out = new ArrayList<>();
        flatten(c.id(), "", 0, out);
        Shape s = shape(c.id());
        return new StructLayout(c.name(), s.size(), s.align(), List.copyOf(out));
    }

    private void flatten(int compositeId, String prefix, long baseBits, List<FieldLayout> out) {
        BtfType.Composite c = (BtfType.Composite) btf.resolve(compositeId);
        List<FieldLayout> members = members(c.id());
        for (int i = 0; i < members.size(); i++) {
            FieldLayout m = members.get(i);
            BtfType mt = btf.resolve(m.typeId());
            long bits = baseBits + m.bitOffset();
            String name = c.members().get(i).name();
            if (name.isEmpty() && mt instanceof BtfType.Composite) {
                flatten(mt.id(), prefix, bits, out);
                continue;
            }
            String path = prefix + name;
            out.add(new FieldLayout(path, m.typeId(), bits, m.bitSize(), m.size(), m.align()));
            if (mt instanceof BtfType.Composite && !m.isBitfield()) {
                flatten(mt.id(), path + ".", bits, out);
            }
        }
    }

    private Shape shape(int id) {
        Shape s = cache.get(id);
        if (s == null) {
            s = compute(id);
            cache.put(id, s);
        }
        return s;
    }

    private Shape compute(int id) {
        BtfType t = btf.type(id);
        if (t instanceof BtfType.Alias a) {
            return shape(a.type());
        }
        if (t instanceof BtfType.Int i) {
            long size = isLong(i) ? target.longSize() : i.size();
            return scalar(size);
        }
        if (t instanceof BtfType.Ptr) {
            return scalar(target.pointerSize());
        }
        if (t instanceof BtfType.Enumeration e) {
            return scalar(e.size());
        }
        if (t instanceof BtfType.Float f) {
            return scalar(f.size());
        }
        if (t instanceof BtfType.Array a) {
            Shape elem = shape(a.elementType());
            return new Shape(elem.size() * Integer.toUnsignedLong(a.count()), elem.align(), List.of());
        }
        if (t instanceof BtfType.Composite c) {
            return target == Target.BPF ? bpfComposite(c) : new NaturalLayout(this, c, bpfModel().isPacked(c)).shape();
        }
        throw new BtfFormatException("type [" + id + "] " + BtfKind.name(t.kind())
                + (t.name().isEmpty() || t.kind() == 0 ? "" : " '" + t.name() + "'") + " has no size");
    }

    private static Shape scalar(long size) {
        return new Shape(size, (int) Math.max(1, Math.min(size, 16)), List.of());
    }

    /** "long int", "long unsigned int", "unsigned long": 8 bytes on BPF, 4 on wasm32. */
    static boolean isLong(BtfType.Int i) {
        String n = i.name();
        return i.size() == 8 && n.contains("long") && !n.contains("long long");
    }

    private LayoutModel bpfModel() {
        if (bpf == null) {
            bpf = target == Target.BPF ? this : new LayoutModel(btf, Target.BPF);
        }
        return bpf;
    }

    private Shape bpfComposite(BtfType.Composite c) {
        List<FieldLayout> members = new ArrayList<>(c.members().size());
        int align = 1;
        boolean misaligned = false;
        for (BtfType.Member m : c.members()) {
            Shape ms = shape(m.type());
            align = Math.max(align, ms.align());
            if (!m.isBitfield() && m.bitOffset() % (8L * ms.align()) != 0) {
                misaligned = true;
            }
            members.add(new FieldLayout(m.name(), m.type(), m.bitOffset(), m.bitfieldSize(), ms.size(), ms.align()));
        }
        if (misaligned || c.size() % align != 0) {
            align = 1;
        }
        return new Shape(c.size(), align, List.copyOf(members));
    }

    /** True when the BTF layout can only come from a packed declaration. */
    boolean isPacked(BtfType.Composite c) {
        if (c.members().isEmpty()) {
            return false;
        }
        int natural = 1;
        for (BtfType.Member m : c.members()) {
            natural = Math.max(natural, alignOf(m.type()));
        }
        return natural > 1 && alignOf(c.id()) == 1;
    }

    Shape shapeOf(int id) {
        return shape(id);
    }
}
