package org.wasmbpf.skeleton.java;

import java.util.ArrayList;
import java.util.List;
import org.wasmbpf.bpf.btf.Btf;
import org.wasmbpf.bpf.btf.BtfType;
import org.wasmbpf.bpf.layout.LayoutModel;

/**
 * Accessors for an array member: one index parameter per dimension (checked), a LENGTH constant
 * per dimension, a String getter for {@code char} arrays (one per row of a 2-D one), views for
 * arrays of structs.
 */
final class ArrayAccessors {
    private final ViewWriter view;
    private final Btf btf;
    private final LayoutModel bpf;

    ArrayAccessors(ViewWriter view, Btf btf, LayoutModel bpf) {
        this.view = view;
        this.btf = btf;
        this.bpf = bpf;
    }

    void write(Slot s, String name, String doc) {
        List<Long> dims = new ArrayList<>();
        BtfType t = btf.resolve(s.typeId());
        int elementId = s.typeId();
        while (t instanceof BtfType.Array a) {
            dims.add(Integer.toUnsignedLong(a.count()));
            elementId = a.elementType();
            t = btf.resolve(elementId);
        }
        long at = s.bitOffset() / 8;
        long elementSize = bpf.sizeOf(elementId);
        String constant = JavaNames.constant(s.cPath()) + "_LENGTH";
        for (int d = 0; d < dims.size(); d++) {
            view.constant(dims.size() == 1 ? constant : constant + "_" + d, dims.get(d),
                    "Elements of " + s.cPath() + (dims.size() == 1 ? "" : ", dimension " + d));
        }
        String where = doc + " at " + at;
        if (t instanceof BtfType.Int i && i.size() == 1 && i.name().equals("char") && !i.isBool()) {
            long row = dims.get(dims.size() - 1);
            List<Long> rows = dims.subList(0, dims.size() - 1);
            view.getter(where + " as a String: the bytes up to the first NUL, as UTF-8", "String", name,
                    params(rows.size()), "string(" + offset(at, rows, row) + ", " + row + ")", s, name);
        }
        Scalar k = Scalar.of(t);
        if (k != null) {
            view.getter(where + ", element by index" + k.note(), k.javaType, name, params(dims.size()),
                    k.read(offset(at, dims, elementSize)), s, name);
            view.setter(k, name, params(dims.size()), offset(at, dims, elementSize));
        } else if (t instanceof BtfType.Composite c && !c.name().isEmpty()) {
            String type = JavaNames.type(c.name());
            view.getter(where + ", element by index as a view in the same memory", type, name, params(dims.size()),
                    "nested(" + view.viewHolder(type, name) + ", " + offset(at, dims, elementSize) + ")", s, name);
        } else if (!(t instanceof BtfType.Int i && i.name().equals("char"))) {
            view.comment(where + ": no Java accessor for elements of this type");
        }
    }

    private static String params(int n) {
        StringBuilder p = new StringBuilder();
        for (int d = 0; d < n; d++) {
            p.append(d == 0 ? "" : ", ").append("int ").append(index(d));
        }
        return p.toString();
    }

    /** {@code at + ((checkIndex(i, d0) * d1 + checkIndex(j, d1)) * ...) * unit}. */
    private static String offset(long at, List<Long> dims, long unit) {
        if (dims.isEmpty()) {
            return Long.toString(at);
        }
        String linear = "checkIndex(" + index(0) + ", " + dims.get(0) + ")";
        for (int d = 1; d < dims.size(); d++) {
            linear = (d == 1 ? linear : "(" + linear + ")") + " * " + dims.get(d) + " + checkIndex(" + index(d)
                    + ", " + dims.get(d) + ")";
        }
        String scaled = unit == 1 ? linear : (dims.size() == 1 ? linear : "(" + linear + ")") + " * " + unit;
        return at == 0 ? scaled : at + " + " + scaled;
    }

    private static String index(int d) {
        return d < 3 ? String.valueOf((char) ('i' + d)) : "i" + d;
    }
}
