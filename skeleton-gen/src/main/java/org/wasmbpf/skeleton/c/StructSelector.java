package org.wasmbpf.skeleton.c;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wasmbpf.bpf.BadInputException;
import org.wasmbpf.bpf.btf.Btf;
import org.wasmbpf.bpf.btf.BtfType;

/** Which structs go into NAME.wasm.h, and in which order they must be defined. */
public final class StructSelector {
    private StructSelector() {
    }

    /** The structs (or unions) named on the command line, in that order. */
    public static List<BtfType.Composite> byName(Btf btf, List<String> names) {
        Map<String, BtfType.Composite> out = new LinkedHashMap<>();
        for (String n : names) {
            BtfType.Composite c = btf.composite(n).orElseThrow(() -> new BadInputException(
                    "struct '" + n + "' (--struct) is not in the object's BTF"));
            out.putIfAbsent(n, c);
        }
        return List.copyOf(out.values());
    }

    /**
     * Named structs of the object that the kernel does not define, in BTF order. Anonymous
     * structs (map definitions) are not shared with user space by name, and CO-RE flavors
     * ({@code task_struct___pre_5_14}: libbpf ignores the name from "___" on) are kernel
     * types by convention, so both are left out.
     */
    public static List<BtfType.Composite> notInKernel(Btf object, Btf kernel) {
        Map<String, BtfType.Composite> out = new LinkedHashMap<>();
        for (BtfType t : object.types()) {
            if (t instanceof BtfType.Struct s && !s.name().isEmpty() && !s.name().contains("___")
                    && kernel.composite(s.name()).isEmpty()) {
                out.putIfAbsent(s.name(), s);
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * The roots plus every named struct, union and enum they contain by value, each after what
     * it contains, so that the header compiles top to bottom. Enums are returned as well because
     * the header defines their constants.
     */
    public static List<BtfType> inDependencyOrder(Btf btf, List<BtfType.Composite> roots) {
        List<BtfType> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (BtfType.Composite c : roots) {
            visit(btf, c, seen, names, out);
        }
        return out;
    }

    private static void visit(Btf btf, BtfType.Composite c, Set<Integer> seen, Set<String> names, List<BtfType> out) {
        if (!seen.add(c.id())) {
            return;
        }
        contained(btf, c, seen, names, out);
        // Two BTF types with one C name cannot both be defined; the first wins.
        if (names.add(PackedStructWriter.keyword(c) + " " + c.name())) {
            out.add(c);
        }
    }

    private static void contained(Btf btf, BtfType.Composite c, Set<Integer> seen, Set<String> names, List<BtfType> out) {
        for (BtfType.Member m : c.members()) {
            BtfType t = btf.resolve(m.type());
            while (t instanceof BtfType.Array a) {
                t = btf.resolve(a.elementType());
            }
            if (t instanceof BtfType.Composite inner) {
                if (inner.name().isEmpty()) {
                    contained(btf, inner, seen, names, out);
                } else {
                    visit(btf, inner, seen, names, out);
                }
            } else if (t instanceof BtfType.Enumeration e && !e.values().isEmpty() && seen.add(e.id())
                    && (e.name().isEmpty() || names.add("enum " + e.name()))) {
                out.add(e);
            }
        }
    }
}
