package org.wasmbpf.bpf.core;

import java.util.ArrayList;
import java.util.List;
import org.wasmbpf.bpf.btf.Btf;
import org.wasmbpf.bpf.btf.BtfFormatException;
import org.wasmbpf.bpf.btf.BtfType;

/**
 * A field relocation's access path as libbpf matches it (its {@code bpf_core_parse_spec}): the
 * index into the root, then for each step a member name or an element index. Anonymous members
 * are left out, since libbpf finds a named member through any anonymous ones in the kernel's type.
 *
 * @param name the member's name, or null for an element (or root) index
 */
record LocalAccess(String name, int index) {
    boolean named() {
        return name != null;
    }

    static List<LocalAccess> parse(Btf local, CoreRelocation r) {
        List<Integer> access = r.access();
        List<LocalAccess> out = new ArrayList<>();
        out.add(new LocalAccess(null, access.get(0)));
        int id = r.typeId();
        for (int i = 1; i < access.size(); i++) {
            BtfType t = local.resolve(id);
            int idx = access.get(i);
            if (t instanceof BtfType.Composite c) {
                if (idx >= c.members().size()) {
                    throw new BtfFormatException(r + ": member " + idx + " of a type with " + c.members().size());
                }
                BtfType.Member m = c.members().get(idx);
                if (!m.name().isEmpty()) {
                    out.add(new LocalAccess(m.name(), idx));
                }
                id = m.type();
            } else if (t instanceof BtfType.Array a) {
                out.add(new LocalAccess(null, idx));
                id = a.elementType();
            } else {
                throw new BtfFormatException(r + ": step " + i + " indexes a type of kind " + t.kind());
            }
        }
        return out;
    }
}
