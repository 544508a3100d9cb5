package org.wasmbpf.bpf.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wasmbpf.bpf.btf.Btf;
import org.wasmbpf.bpf.btf.BtfType;

/**
 * The kernel types a local type may relocate against, found as libbpf's
 * {@code bpf_core_add_cands} finds them: same kind (any two enums count as one kind) and the
 * same name once "flavors" ({@code ___suffix}) are cut off.
 */
final class KernelCandidates {
    private final Btf kernel;
    private final Map<String, List<Integer>> byEssentialName = new HashMap<>();

    KernelCandidates(Btf kernel) {
        this.kernel = kernel;
        for (BtfType t : kernel.types()) {
            if (!t.name().isEmpty() && t.id() != 0) {
                byEssentialName.computeIfAbsent(essentialName(t.name()), k -> new ArrayList<>(1)).add(t.id());
            }
        }
    }

    List<Integer> of(BtfType local) {
        List<Integer> out = new ArrayList<>();
        for (int id : byEssentialName.getOrDefault(essentialName(local.name()), List.of())) {
            BtfType t = kernel.type(id);
            if (t.kind() == local.kind() || (t instanceof BtfType.Enumeration && local instanceof BtfType.Enumeration)) {
                out.add(id);
            }
        }
        return out;
    }

    /** The name up to a flavor separator: "task_struct___old" is "task_struct" (libbpf's rule, searched from the end). */
    static String essentialName(String name) {
        for (int i = name.length() - 5; i >= 0; i--) {
            if (name.charAt(i) != '_' && name.charAt(i + 1) == '_' && name.charAt(i + 2) == '_'
                    && name.charAt(i + 3) == '_' && name.charAt(i + 4) != '_') {
                return name.substring(0, i + 1);
            }
        }
        return name;
    }
}
