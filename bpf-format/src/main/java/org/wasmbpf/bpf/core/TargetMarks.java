package org.wasmbpf.bpf.core;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.wasmbpf.bpf.btf.Btf;
import org.wasmbpf.bpf.btf.BtfType;

/**
 * The kernel types (and, of structs and unions, the members) a minimal BTF keeps. Marking a
 * type keeps what libbpf's compatibility checks read of it: an alias's target, an array's
 * element and index types, a prototype's types, and a pointer's target only when asked; a
 * struct or union is kept with the members marked on it, none by default. What is left out
 * becomes void in the written BTF. The rules are those of bpftool's {@code gen min_core_btf}.
 */
final class TargetMarks {
    private final Btf target;
    private final BitSet types = new BitSet();
    // Marked with pointers followed: a type first marked without may need marking again with.
    private final BitSet followed = new BitSet();
    private final Map<Integer, BitSet> members = new HashMap<>();

    TargetMarks(Btf target) {
        this.target = target;
    }

    Btf target() {
        return target;
    }

    void markType(int id, boolean followPointers) {
        while (id != 0 && !(followPointers ? followed : types).get(id)) {
            types.set(id);
            if (followPointers) {
                followed.set(id);
            }
            BtfType t = target.type(id);
            if (t instanceof BtfType.Alias a) {
                id = a.type();
            } else if (t instanceof BtfType.Ptr p) {
                if (!followPointers) {
                    return;
                }
                id = p.type();
            } else if (t instanceof BtfType.Array a) {
                markType(a.indexType(), followPointers);
                id = a.elementType();
            } else if (t instanceof BtfType.FuncProto f) {
                f.params().forEach(p -> markType(p.type(), followPointers));
                id = f.returnType();
            } else if (t instanceof BtfType.Int || t instanceof BtfType.Float || t instanceof BtfType.Enumeration
                    || t instanceof BtfType.Composite || t instanceof BtfType.Fwd) {
                return;
            } else {
                throw new UnsupportedCoreException("kernel type [" + id + "] of kind " + t.kind()
                        + " is reached from a relocated type");
            }
        }
    }

    /** Keeps member {@code index} of the struct or union {@code compositeId}, and its type. */
    void markMember(int compositeId, int index) {
        markType(compositeId, false);
        members.computeIfAbsent(compositeId, k -> new BitSet()).set(index);
        markType(((BtfType.Composite) target.type(compositeId)).members().get(index).type(), false);
    }

    boolean isMarked(int id) {
        return types.get(id);
    }

    boolean isMemberMarked(int compositeId, int index) {
        BitSet m = members.get(compositeId);
        return m != null && m.get(index);
    }

    int markedCount() {
        return types.cardinality();
    }
}
