package org.wasmbpf.bpf.btf;

/**
 * Rejects BTF in which a type refers to a type id that does not exist, or contains itself by
 * value (a typedef, array or struct cycle that no C program can produce), so that everything
 * walking types by value may recurse without a depth guard.
 */
final class BtfReferenceCheck {
    private BtfReferenceCheck() {
    }

    static void check(Btf btf) {
        int n = btf.size();
        for (BtfType t : btf.types()) {
            if (t instanceof BtfType.Alias a) {
                ref(t, a.type(), n);
            } else if (t instanceof BtfType.Ptr p) {
                ref(t, p.type(), n);
            } else if (t instanceof BtfType.Array a) {
                ref(t, a.elementType(), n);
                ref(t, a.indexType(), n);
            } else if (t instanceof BtfType.Composite c) {
                c.members().forEach(m -> ref(t, m.type(), n));
            } else if (t instanceof BtfType.Func f) {
                ref(t, f.type(), n);
            } else if (t instanceof BtfType.FuncProto f) {
                ref(t, f.returnType(), n);
                f.params().forEach(p -> ref(t, p.type(), n));
            } else if (t instanceof BtfType.Var v) {
                ref(t, v.type(), n);
            } else if (t instanceof BtfType.DataSec d) {
                d.vars().forEach(v -> ref(t, v.type(), n));
            } else if (t instanceof BtfType.DeclTag d) {
                ref(t, d.type(), n);
            }
        }
        checkNoValueCycles(btf);
    }

    private static void checkNoValueCycles(Btf btf) {
        int n = btf.size();
        byte[] state = new byte[n]; // 0 unvisited, 1 on the current path, 2 done
        int[] stack = new int[n];
        int[] childIndex = new int[n];
        for (int root = 1; root < n; root++) {
            if (state[root] != 0) {
                continue;
            }
            int depth = 0;
            stack[depth++] = root;
            state[root] = 1;
            childIndex[root] = 0;
            while (depth > 0) {
                int id = stack[depth - 1];
                int child = valueChild(btf.type(id), childIndex[id]++);
                if (child < 0) {
                    state[id] = 2;
                    depth--;
                } else if (state[child] == 1) {
                    BtfType t = btf.type(child);
                    throw new BtfFormatException("type [" + child + "] " + BtfKind.name(t.kind())
                            + (t.name().isEmpty() ? "" : " '" + t.name() + "'") + " contains itself by value");
                } else if (state[child] == 0) {
                    state[child] = 1;
                    childIndex[child] = 0;
                    stack[depth++] = child;
                }
            }
        }
    }

    /** The i-th type that {@code t} holds by value, or -1 after the last. */
    private static int valueChild(BtfType t, int i) {
        if (t instanceof BtfType.Alias a) {
            return i == 0 ? a.type() : -1;
        }
        if (t instanceof BtfType.Array a) {
            return i == 0 ? a.elementType() : -1;
        }
        if (t instanceof BtfType.Composite c) {
            return i < c.members().size() ? c.members().get(i).type() : -1;
        }
        return -1;
    }

    private static void ref(BtfType from, int id, int count) {
        if (id < 0 || id >= count) {
            throw new BtfFormatException("type [" + from.id() + "] " + BtfKind.name(from.kind())
                    + (from.name().isEmpty() ? "" : " '" + from.name() + "'") + " refers to type id "
                    + Integer.toUnsignedString(id) + ", but the largest type id is " + (count - 1));
        }
    }
}
