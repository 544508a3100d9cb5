package org.wasmbpf.skeleton.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
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
import org.wasmbpf.skeleton.c.StructSelector;

/**
 * The views {@code skeleton-gen java} writes for the layout fixture: every field a view reads sits
 * where clang put it for -target bpf (its -fdump-record-layouts of the original declarations) and
 * where the layout model says; every member of every struct has a reader; the generated sources
 * compile against guest-sdk/java.
 */
class JavaViewLayoutTest {
    @TempDir
    static Path dir;
    static BpfObject object;
    static JavaEmitter.Output output;
    static Map<String, ClangRecordLayouts.Record> clang;

    @BeforeAll
    static void generate() throws Exception {
        Path obj = Fixture.compile(dir);
        object = BpfObject.parse(Fixture.OBJECT, Files.readAllBytes(obj));
        output = JavaEmitter.emit(object, "fixture", JavaFixture.PACKAGE,
                StructSelector.byName(object.btf(), List.of("fx_mixed", "fx_pointers", "fx_bits", "fx_outer",
                        "fx_anon", "fx_arrays", "fx_enums", "fx_typedefs", "fx_packed", "fx_event")));
        StringBuilder probe = new StringBuilder("#include \"" + Fixture.HEADER + "\"\n");
        for (BtfType.Composite c : composites()) {
            probe.append("_Static_assert(sizeof(").append(keyword(c)).append(' ').append(c.name()).append(") > 0, \"\");\n");
        }
        Files.writeString(dir.resolve("probe_java.c"), probe);
        clang = ClangRecordLayouts.parse(Clang.run(dir, "-target", "bpf", "-fsyntax-only", "-Xclang",
                "-fdump-record-layouts", "probe_java.c"));
    }

    @Test
    void everyViewFieldIsWhereClangPutsItForBpf() {
        int checked = 0;
        for (BtfType.Composite c : composites()) {
            List<ViewField> fields = output.fields().get(JavaNames.type(c.name()));
            assertNotNull(fields, "no view for " + c.name());
            ClangRecordLayouts.Record rec = clang.get(keyword(c) + " " + c.name());
            assertNotNull(rec, "clang did not dump " + c.name());
            for (ViewField f : fields) {
                ClangRecordLayouts.Member m = rec.members().get(f.cPath());
                assertNotNull(m, c.name() + "." + f.cPath() + " is not a member clang knows");
                assertEquals(m.bitOffset(), f.bitOffset(), c.name() + "." + f.cPath() + " (" + f.method() + "())");
                assertEquals(m.bitfield(), f.bitSize() > 0, c.name() + "." + f.cPath() + " bitfield-ness");
                checked++;
            }
        }
        assertTrue(checked > 60, "too few fields checked: " + checked);
    }

    @Test
    void everyMemberHasAReaderAtTheLayoutModelsOffset() {
        LayoutModel bpf = new LayoutModel(object.btf(), Target.BPF);
        for (BtfType.Composite c : composites()) {
            StructLayout layout = bpf.layout(c.id());
            List<ViewField> fields = output.fields().get(JavaNames.type(c.name()));
            for (FieldLayout f : layout.fields()) {
                boolean insideNamedStruct = f.path().contains(".") && layout.fields().stream()
                        .anyMatch(o -> f.path().startsWith(o.path() + ".") && isNamedComposite(o));
                if (insideNamedStruct || isAnonymousComposite(f)) {
                    continue; // read through the nested view's own class, or flattened
                }
                assertTrue(fields.stream().anyMatch(v -> v.cPath().equals(f.path()) && v.bitOffset() == f.bitOffset()),
                        c.name() + "." + f.path() + " at bit " + f.bitOffset() + " has no reader");
            }
        }
    }

    @Test
    void rodataViewHasEveryReadOnlyGlobalAtItsSymbolOffset() {
        List<ViewField> rodata = output.fields().get("FixtureSkel.Rodata");
        for (var v : object.rodataVars()) {
            assertTrue(rodata.stream().anyMatch(f -> f.cPath().startsWith(v.name()) && f.byteOffset() == v.offset()),
                    "rodata global " + v.name() + " at " + v.offset() + ": " + rodata);
        }
    }

    @Test
    void generatedSourcesCompileAgainstTheGuestSdk() throws Exception {
        Path src = dir.resolve("src");
        Path pkg = src.resolve(JavaFixture.PACKAGE.replace('.', '/'));
        Files.createDirectories(pkg);
        for (Map.Entry<String, String> f : output.files().entrySet()) {
            Files.writeString(pkg.resolve(f.getKey()), f.getValue());
        }
        List<String> args = new ArrayList<>(List.of("-d", dir.resolve("classes").toString(),
                "-classpath", System.getProperty("java.class.path"), "-Xlint:all", "-Werror"));
        try (Stream<Path> files = Files.list(pkg)) {
            files.forEach(p -> args.add(p.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = javac.run(null, null, err, args.toArray(String[]::new));
        assertEquals(0, code, "javac on the generated views:\n" + err);
    }

    private static List<BtfType.Composite> composites() {
        List<BtfType.Composite> out = new ArrayList<>();
        for (String name : List.of("fx_mixed", "fx_pointers", "fx_bits", "fx_outer", "fx_anon", "fx_arrays",
                "fx_enums", "fx_typedefs", "fx_packed", "fx_event", "fx_inner", "fx_value")) {
            out.add(object.btf().composite(name).orElseThrow());
        }
        return out;
    }

    private static boolean isNamedComposite(FieldLayout f) {
        return object.btf().resolve(f.typeId()) instanceof BtfType.Composite c && !c.name().isEmpty();
    }

    private static boolean isAnonymousComposite(FieldLayout f) {
        return object.btf().resolve(f.typeId()) instanceof BtfType.Composite c && c.name().isEmpty();
    }

    private static String keyword(BtfType.Composite c) {
        return c instanceof BtfType.Union ? "union" : "struct";
    }
}
