package org.wasmbpf.skeleton.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.bpf.Clang;
import org.wasmbpf.bpf.Fixture;
import org.wasmbpf.bpf.btf.BtfType;
import org.wasmbpf.bpf.layout.FieldLayout;
import org.wasmbpf.bpf.layout.LayoutModel;
import org.wasmbpf.bpf.layout.StructLayout;
import org.wasmbpf.bpf.layout.Target;
import org.wasmbpf.bpf.object.BpfObject;
import org.wasmbpf.skeleton.ClangRecordLayouts;
import org.wasmbpf.skeleton.Cli;

/**
 * Checks the layout model and the generated NAME.wasm.h against clang itself. The fixture's
 * structs are compiled for BPF; for every struct the generator emits, a probe of
 * {@code _Static_assert(offsetof(...) == N)} and {@code sizeof} checks, with N taken from the
 * model, is compiled (a) over the original declarations with -target bpf and (b) over the
 * generated header with --target=wasm32-wasi; (c) checks the model's own wasm32 layout over the
 * original declarations on wasm32. offsetof cannot name a bitfield, so bitfield positions (and
 * every other member again) are compared with clang's -fdump-record-layouts of the same probe.
 */
class LayoutProbeTest {
    private static final String WASM = "--target=wasm32-wasi";

    @TempDir
    static Path dir;
    static BpfObject object;
    static List<BtfType.Composite> structs;

    @BeforeAll
    static void generate() throws Exception {
        Path obj = Fixture.compile(dir);
        Cli.generateC(obj, dir);
        object = BpfObject.parse(Fixture.OBJECT, Files.readAllBytes(obj));
        structs = new ArrayList<>();
        for (BtfType t : StructSelector.inDependencyOrder(object.btf(),
                StructSelector.byName(object.btf(), List.copyOf(emittedNames())))) {
            if (t instanceof BtfType.Composite c) {
                structs.add(c);
            }
        }
    }

    /** The structs and unions NAME.wasm.h defines, read from the header itself. */
    private static Set<String> emittedNames() throws Exception {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(dir.resolve("fixture.wasm.h"))) {
            if (line.matches("^(struct|union) \\w+ \\{$")) {
                names.add(line.split(" ")[1]);
            }
        }
        return names;
    }

    @Test
    void headerHoldsExactlyTheFixtureStructsAndWhatTheyContain() throws Exception {
        assertEquals(new TreeSet<>(List.of("fx_anon", "fx_arrays", "fx_bits", "fx_enums", "fx_event", "fx_inner",
                "fx_mixed", "fx_outer", "fx_packed", "fx_pointers", "fx_typedefs", "fx_value")), emittedNames());
    }

    @Test
    void originalDeclarationsOnBpfMatchTheModel() {
        probe(new LayoutModel(object.btf(), Target.BPF), Fixture.HEADER, "probe_bpf.c", "-target", "bpf");
    }

    @Test
    void generatedHeaderOnWasm32PutsEveryMemberAtItsBpfOffset() {
        probe(new LayoutModel(object.btf(), Target.BPF), "fixture.wasm.h", "probe_generated.c", WASM);
    }

    @Test
    void originalDeclarationsOnWasm32MatchTheWasm32Model() {
        probe(new LayoutModel(object.btf(), Target.WASM32), Fixture.HEADER, "probe_wasm32.c", WASM);
    }

    @Test
    void wasm32NaturalLayoutDiffersWhereLongAndPointersAre() {
        LayoutModel bpf = new LayoutModel(object.btf(), Target.BPF);
        LayoutModel wasm = new LayoutModel(object.btf(), Target.WASM32);
        int pointers = object.btf().composite("fx_pointers").orElseThrow().id();
        assertEquals(64, bpf.sizeOf(pointers));
        assertNotEquals(bpf.sizeOf(pointers), wasm.sizeOf(pointers));
        int bits = object.btf().composite("fx_bits").orElseThrow().id();
        FieldLayout g = bpf.layout(bits).field("g");
        assertEquals(64, g.bitOffset());
        assertEquals(33, g.bitSize());
    }

    /**
     * Writes the probe, compiles it (the static asserts must hold) and compares clang's record
     * layout dump with the model member by member.
     */
    private static void probe(LayoutModel model, String include, String probeName, String... target) {
        StringBuilder src = new StringBuilder("#include <stddef.h>\n#include \"" + include + "\"\n");
        int asserts = 0;
        for (BtfType.Composite c : structs) {
            String type = keyword(c) + " " + c.name();
            StructLayout l = model.layout(c.id());
            src.append("_Static_assert(sizeof(").append(type).append(") == ").append(l.size())
                    .append(", \"sizeof ").append(type).append("\");\n");
            for (FieldLayout f : l.fields()) {
                if (!f.isBitfield()) {
                    src.append("_Static_assert(offsetof(").append(type).append(", ").append(f.path()).append(") == ")
                            .append(f.byteOffset()).append(", \"").append(type).append('.').append(f.path()).append("\");\n");
                    asserts++;
                }
            }
        }
        assertTrue(asserts > 50, "the probe checks too little: " + asserts + " offsets");
        try {
            Files.writeString(dir.resolve(probeName), src);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of(target));
        args.addAll(List.of("-fsyntax-only", "-Xclang", "-fdump-record-layouts", probeName));
        Map<String, ClangRecordLayouts.Record> dump = ClangRecordLayouts.parse(Clang.run(dir, args.toArray(String[]::new)));
        int bitfields = 0;
        for (BtfType.Composite c : structs) {
            String type = keyword(c) + " " + c.name();
            ClangRecordLayouts.Record rec = dump.get(type);
            assertNotNull(rec, "clang did not dump " + type + " for " + probeName);
            StructLayout l = model.layout(c.id());
            assertEquals(l.size(), rec.size(), "size of " + type + " in " + probeName);
            for (FieldLayout f : l.fields()) {
                ClangRecordLayouts.Member m = rec.members().get(f.path());
                assertNotNull(m, type + "." + f.path() + " missing from clang's layout for " + probeName);
                assertEquals(f.bitOffset(), m.bitOffset(), "bit offset of " + type + "." + f.path() + " in " + probeName);
                assertEquals(f.isBitfield(), m.bitfield(), type + "." + f.path() + " bitfield-ness in " + probeName);
                bitfields += f.isBitfield() ? 1 : 0;
            }
        }
        assertTrue(bitfields >= 10, "expected the fixture's bitfields to be checked, got " + bitfields);
    }

    private static String keyword(BtfType.Composite c) {
        return c instanceof BtfType.Union ? "union" : "struct";
    }
}
