package org.wasmbpf.bpf.core;

import java.util.ArrayList;
import java.util.List;
import org.wasmbpf.bpf.btf.Btf;
import org.wasmbpf.bpf.btf.BtfType;

/**
 * Marks, for each relocation, what libbpf reads of the kernel's types to resolve it. Every
 * candidate is walked, the way libbpf's {@code bpf_core_spec_match} walks it, and on a match its
 * whole path is kept. Field compatibility is not judged here: keeping a path libbpf then rejects
 * costs bytes only, while leaving out one it accepts would change the result. A minimal BTF thus
 * holds a subset of the kernel's types with their offsets and sizes, and every path libbpf takes
 * through the full BTF, so it finds the same matches at the same offsets.
 */
final class RelocationMarker {
    private final Btf local;
    private final TargetMarks marks;
    private final KernelCandidates candidates;

    RelocationMarker(Btf local, KernelTypes kernel) {
        this.local = local;
        this.marks = new TargetMarks(kernel.btf());
        this.candidates = kernel.candidates();
    }

    TargetMarks marks() {
        return marks;
    }

    /** @return whether it needed the kernel's types (all but TYPE_ID_LOCAL) */
    boolean mark(CoreRelocation r) {
        if (r.kind() == CoreRelocation.TYPE_ID_LOCAL) {
            return false;
        }
        if (r.kind() == CoreRelocation.TYPE_ID_TARGET || r.kind() == CoreRelocation.TYPE_MATCHES
                || r.kind() > CoreRelocation.TYPE_MATCHES) {
            // A kernel type id means nothing in another BTF; TYPE_MATCHES compares whole types.
            throw new UnsupportedCoreException(r + ": relocation kind " + r.kind() + " needs the kernel's full BTF");
        }
        BtfType root = local.type(r.typeId());
        if (root.name().isEmpty()) {
            throw new UnsupportedCoreException(r + ": relocates an anonymous type");
        }
        List<Integer> found = candidates.of(root);
        if (found.isEmpty()) {
            // libbpf would go on to search kernel modules' BTF, which a custom BTF turns off.
            throw new UnsupportedCoreException(r + ": no kernel type named '" + root.name() + "' in vmlinux");
        }
        if (r.fieldBased()) {
            List<LocalAccess> spec = LocalAccess.parse(local, r);
            for (int c : found) {
                markPath(c, spec);
            }
        } else {
            // Enums are kept whole; type checks follow pointers, arrays and prototypes but no members.
            found.forEach(c -> marks.markType(c, !r.enumValueBased()));
        }
        return true;
    }

    private void markPath(int candidate, List<LocalAccess> spec) {
        Btf kernel = marks.target();
        List<int[]> path = new ArrayList<>();
        int id = candidate;
        int[] previousMember = null;
        for (int i = 0; i < spec.size(); i++) {
            LocalAccess a = spec.get(i);
            if (a.named()) {
                int memberType = findMember(resolveId(kernel, id), a.name(), path);
                if (memberType < 0) {
                    return;
                }
                previousMember = path.get(path.size() - 1);
                id = memberType;
            } else {
                if (i > 0) {
                    if (!(kernel.resolve(id) instanceof BtfType.Array arr)) {
                        return;
                    }
                    if (arr.count() == 0 && previousMember != null && !isLastMember(previousMember)) {
                        // libbpf allows any index into a zero-length array only as a struct's last
                        // member, which a member left out after this one would make it.
                        throw new UnsupportedCoreException("indexes a zero-length array member that is not last");
                    }
                    if (arr.count() != 0 && a.index() >= arr.count()) {
                        return;
                    }
                    id = arr.elementType();
                }
                previousMember = null;
            }
        }
        marks.markType(candidate, false);
        path.forEach(m -> marks.markMember(m[0], m[1]));
    }

    /** Like libbpf's bpf_core_match_member: the named member, through anonymous ones, in member order. */
    private int findMember(int compositeId, String name, List<int[]> path) {
        if (!(marks.target().type(compositeId) instanceof BtfType.Composite c)) {
            return -1;
        }
        List<BtfType.Member> members = c.members();
        for (int i = 0; i < members.size(); i++) {
            BtfType.Member m = members.get(i);
            path.add(new int[] {compositeId, i});
            if (m.name().isEmpty()) {
                int found = findMember(resolveId(marks.target(), m.type()), name, path);
                if (found >= 0) {
                    return found;
                }
            } else if (m.name().equals(name)) {
                return m.type();
            }
            path.remove(path.size() - 1);
        }
        return -1;
    }

    private boolean isLastMember(int[] member) {
        return member[1] == ((BtfType.Composite) marks.target().type(member[0])).members().size() - 1;
    }

    private static int resolveId(Btf btf, int id) {
        return btf.resolve(id).id();
    }
}
