package org.wasmbpf.bpf.core;

import java.util.List;
import org.wasmbpf.bpf.btf.Btf;
import org.wasmbpf.bpf.btf.BtfKind;
import org.wasmbpf.bpf.btf.BtfType;
import org.wasmbpf.bpf.btf.RawBtfWriter;

/**
 * Writes the marked kernel types as raw BTF (the format of /sys/kernel/btf/vmlinux), renumbered
 * in their original order. Structs and unions keep their size and only their marked members,
 * at their original bit offsets; a reference to an unmarked type becomes void.
 */
final class MinimalBtfWriter {
    private final TargetMarks marks;
    private final Btf kernel;
    private final int[] newIds;
    private final RawBtfWriter out = new RawBtfWriter();

    private MinimalBtfWriter(TargetMarks marks) {
        this.marks = marks;
        this.kernel = marks.target();
        this.newIds = new int[kernel.size()];
    }

    static byte[] write(TargetMarks marks) {
        return new MinimalBtfWriter(marks).write();
    }

    private byte[] write() {
        int next = 1;
        for (int id = 1; id < kernel.size(); id++) {
            if (marks.isMarked(id)) {
                newIds[id] = next++;
            }
        }
        for (int id = 1; id < kernel.size(); id++) {
            if (marks.isMarked(id)) {
                writeType(kernel.type(id));
            }
        }
        return out.build();
    }

    private void writeType(BtfType t) {
        if (t instanceof BtfType.Int i) {
            header(i.name(), BtfKind.INT, 0, false, i.size());
            out.u32((i.encoding() << 24) | (i.bitOffset() << 16) | i.bits());
        } else if (t instanceof BtfType.Ptr p) {
            header("", BtfKind.PTR, 0, false, ref(p.type()));
        } else if (t instanceof BtfType.Array a) {
            header("", BtfKind.ARRAY, 0, false, 0);
            out.u32(ref(a.elementType()));
            out.u32(ref(a.indexType()));
            out.u32(a.count());
        } else if (t instanceof BtfType.Composite c) {
            writeComposite(c);
        } else if (t instanceof BtfType.Enumeration e) {
            boolean wide = t instanceof BtfType.Enum64;
            header(e.name(), t.kind(), e.values().size(), e.signed(), e.size());
            for (BtfType.EnumValue v : e.values()) {
                out.u32(out.str(v.name()));
                out.u32((int) v.value());
                if (wide) {
                    out.u32((int) (v.value() >>> 32));
                }
            }
        } else if (t instanceof BtfType.Fwd f) {
            header(f.name(), BtfKind.FWD, 0, f.union(), 0);
        } else if (t instanceof BtfType.Alias a) {
            header(a.name(), a.kind(), 0, false, ref(a.type()));
        } else if (t instanceof BtfType.FuncProto f) {
            header("", BtfKind.FUNC_PROTO, f.params().size(), false, ref(f.returnType()));
            for (BtfType.Param p : f.params()) {
                out.u32(out.str(p.name()));
                out.u32(ref(p.type()));
            }
        } else if (t instanceof BtfType.Float f) {
            header(f.name(), BtfKind.FLOAT, 0, false, f.size());
        } else {
            throw new UnsupportedCoreException("kernel type [" + t.id() + "] of kind " + BtfKind.name(t.kind())
                    + " cannot be written");
        }
    }

    private void writeComposite(BtfType.Composite c) {
        List<BtfType.Member> all = c.members();
        int kept = 0;
        boolean bitfields = false;
        for (int i = 0; i < all.size(); i++) {
            if (marks.isMemberMarked(c.id(), i)) {
                kept++;
                bitfields |= all.get(i).isBitfield();
            }
        }
        header(c.name(), c.kind(), kept, bitfields, c.size());
        for (int i = 0; i < all.size(); i++) {
            if (marks.isMemberMarked(c.id(), i)) {
                BtfType.Member m = all.get(i);
                out.u32(out.str(m.name()));
                out.u32(ref(m.type()));
                out.u32(bitfields ? (m.bitfieldSize() << 24) | m.bitOffset() : m.bitOffset());
            }
        }
    }

    private void header(String name, int kind, int vlen, boolean kindFlag, int sizeOrType) {
        out.u32(out.str(name));
        out.u32(vlen | (kind << 24) | (kindFlag ? 1 << 31 : 0));
        out.u32(sizeOrType);
    }

    private int ref(int id) {
        return newIds[id];
    }
}
