package org.wasmbpf.bpf.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasmbpf.bpf.btf.Btf;
import org.wasmbpf.bpf.btf.BtfBuilder;
import org.wasmbpf.bpf.btf.BtfKind;
import org.wasmbpf.bpf.btf.BtfType;

/** The minimal BTF kept for relocations, on small hand-made kernel and object types. */
class RelocationMarkerTest {
    /**
     * Kernel: struct task { int pid; union { int x; struct inner in; }; int tail; char comm[0]; int last; }
     * with struct inner { int a; int b; }, at offsets unlike the object's.
     */
    private static Btf kernel() {
        BtfBuilder b = new BtfBuilder();
        int i = b.intType("int", 4, 1);                                             // 1
        b.type("inner", BtfKind.STRUCT, 2, false, 8, b.str("a"), i, 0, b.str("b"), i, 32); // 2
        b.type("", BtfKind.UNION, 2, false, 8, b.str("x"), i, 0, b.str("in"), 2, 0);       // 3
        int ch = b.intType("char", 1, 2);                                           // 4
        b.type("", BtfKind.ARRAY, 0, false, 0, ch, i, 0);                           // 5: char[0]
        b.type("task", BtfKind.STRUCT, 5, false, 28, b.str("pid"), i, 0, 0, 3, 64,
                b.str("tail"), i, 128, b.str("comm"), 5, 160, b.str("last"), i, 192);      // 6
        b.type("pid_t", BtfKind.TYPEDEF, 0, false, i);                              // 7
        return Btf.parse(b.build());
    }

    /** Object: struct task___v2 { int pid; union { int x; struct inner in; }; } at its own offsets. */
    private static Btf local() {
        BtfBuilder b = new BtfBuilder();
        int i = b.intType("int", 4, 1);                                             // 1
        b.type("inner", BtfKind.STRUCT, 2, false, 8, b.str("a"), i, 0, b.str("b"), i, 32); // 2
        b.type("", BtfKind.UNION, 2, false, 8, b.str("x"), i, 0, b.str("in"), 2, 0);       // 3
        b.type("task___v2", BtfKind.STRUCT, 2, false, 12, b.str("pid"), i, 0, 0, 3, 32);  // 4
        b.type("pid_t", BtfKind.TYPEDEF, 0, false, i);                              // 5
        b.type("missing", BtfKind.STRUCT, 0, false, 4);                             // 6
        int ch = b.intType("char", 1, 2);                                           // 7
        b.type("", BtfKind.ARRAY, 0, false, 0, ch, i, 4);                           // 8: char[4]
        b.type("task___v3", BtfKind.STRUCT, 1, false, 4, b.str("comm"), 8, 0);    // 9
        return Btf.parse(b.build());
    }

    private static Btf minimal(CoreRelocation... relocations) {
        RelocationMarker marker = new RelocationMarker(local(), new KernelTypes(kernel()));
        for (CoreRelocation r : relocations) {
            marker.mark(r);
        }
        return Btf.parse(MinimalBtfWriter.write(marker.marks()));
    }

    private static CoreRelocation field(int typeId, Integer... access) {
        return new CoreRelocation("tp/x", typeId, List.of(access), CoreRelocation.FIELD_BYTE_OFFSET);
    }

    private static BtfType.Composite struct(Btf btf, String name) {
        return btf.composite(name).orElseThrow(() -> new AssertionError("no struct " + name));
    }

    @Test
    void keepsTheKernelsPathThroughAnonymousMembersAtTheKernelsOffsets() {
        // task___v2.<anon>.in.b: the flavor is cut off, the anonymous union walked into.
        Btf min = minimal(field(4, 0, 1, 1, 1));
        BtfType.Composite task = struct(min, "task");
        assertEquals(28, task.size(), "the kernel's size, not the object's");
        assertEquals(1, task.members().size(), "only the anonymous union: " + task.members());
        assertEquals(64, task.members().get(0).bitOffset());
        BtfType.Composite union = (BtfType.Composite) min.type(task.members().get(0).type());
        assertEquals(List.of("in"), union.members().stream().map(BtfType.Member::name).toList());
        BtfType.Composite inner = struct(min, "inner");
        assertEquals(List.of(new BtfType.Member("b", inner.members().get(0).type(), 32, 0)), inner.members());
        assertEquals(8, inner.size());
    }

    @Test
    void mergesThePathsOfSeveralRelocationsAndLeavesTheRestOut() {
        Btf min = minimal(field(4, 0, 0), field(4, 0, 1, 1, 0));
        BtfType.Composite task = struct(min, "task");
        assertEquals(List.of("pid", ""), task.members().stream().map(BtfType.Member::name).toList());
        assertEquals(List.of("a"), struct(min, "inner").members().stream().map(BtfType.Member::name).toList());
        assertTrue(min.types().stream().noneMatch(t -> t.name().equals("pid_t")), "unrelated types are left out");
    }

    @Test
    void typeRelocationsKeepTheTypeWithoutMembers() {
        Btf min = minimal(new CoreRelocation("tp/x", 4, List.of(0), CoreRelocation.TYPE_SIZE));
        BtfType.Composite task = struct(min, "task");
        assertEquals(28, task.size());
        assertEquals(List.of(), task.members());
    }

    @Test
    void refusesWhatOnlyTheFullBtfAnswers() {
        UnsupportedCoreException noType = assertThrows(UnsupportedCoreException.class, () -> minimal(field(6, 0)));
        assertTrue(noType.getMessage().contains("no kernel type named 'missing'"), noType.getMessage());
        assertThrows(UnsupportedCoreException.class,
                () -> minimal(new CoreRelocation("tp/x", 4, List.of(0), CoreRelocation.TYPE_ID_TARGET)));
        assertThrows(UnsupportedCoreException.class,
                () -> minimal(new CoreRelocation("tp/x", 4, List.of(0), CoreRelocation.TYPE_MATCHES)));
    }

    @Test
    void refusesAnIndexIntoAZeroLengthArrayThatIsNotTheLastMember() {
        // libbpf treats char comm[0] as flexible only as the last member, which leaving out
        // the member after it would make it.
        assertThrows(UnsupportedCoreException.class, () -> minimal(field(9, 0, 0, 1)));
    }

    @Test
    void localTypeIdsNeedNoKernelTypes() {
        RelocationMarker marker = new RelocationMarker(local(), new KernelTypes(kernel()));
        assertEquals(false, marker.mark(new CoreRelocation("tp/x", 6, List.of(0), CoreRelocation.TYPE_ID_LOCAL)));
        assertEquals(0, marker.marks().markedCount());
    }

    @Test
    void flavorsAreCutAtTheLastTripleUnderscore() {
        assertEquals("task_struct", KernelCandidates.essentialName("task_struct___old"));
        assertEquals("a___b", KernelCandidates.essentialName("a___b___c"));
        assertEquals("x___", KernelCandidates.essentialName("x___"));
        assertEquals("a____b", KernelCandidates.essentialName("a____b"), "four underscores are no separator");
        assertEquals("plain", KernelCandidates.essentialName("plain"));
    }
}
