package org.wasmbpf.skeleton.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.bpf.Fixture;
import org.wasmbpf.skeleton.Golden;

/**
 * The Java generated for the layout fixture against golden files (golden/fixture-java), so that
 * every change of the emitted text is seen in review. The embedded object depends on the local
 * clang, so its chunks, sizes and .rodata offset are masked.
 */
class JavaGoldenTest {
    @TempDir
    Path dir;

    @Test
    void generatedJavaMatchesGoldenFiles() throws Exception {
        Path pkg = JavaFixture.generate(Fixture.compile(dir), dir.resolve("out"));
        List<Path> files = list(pkg);
        assertEquals(List.of("FixtureSkel.java", "FxAnon.java", "FxArrays.java", "FxBits.java", "FxEnums.java",
                "FxEvent.java", "FxInner.java", "FxMixed.java", "FxOuter.java", "FxPacked.java", "FxPointers.java",
                "FxTypedefs.java", "FxValue.java"), files.stream().map(p -> p.getFileName().toString()).toList());
        for (Path f : files) {
            Golden.assertMatches(mask(Files.readString(f)), "fixture-java/" + f.getFileName());
        }
    }

    @Test
    void outputIsTheSameOnEveryRun() throws Exception {
        Path obj = Fixture.compile(dir);
        Path a = JavaFixture.generate(obj, dir.resolve("a"));
        Path b = JavaFixture.generate(obj, dir.resolve("b"));
        for (Path f : list(a)) {
            assertEquals(Files.readString(f), Files.readString(b.resolve(f.getFileName())), f.getFileName().toString());
        }
    }

    static String mask(String source) {
        StringBuilder kept = new StringBuilder();
        for (String line : source.split("\n", -1)) {
            // the embedded object's chunks: one String literal per line
            if (!line.stripLeading().startsWith("\"")) {
                kept.append(line).append('\n');
            }
        }
        return kept.substring(0, kept.length() - 1)
                .replaceAll("EmbeddedBytes\\.decompress\\(\\d+, \\d+,", "EmbeddedBytes.decompress(N, N,")
                .replaceAll("(OBJECT_SIZE|RODATA_OFFSET) = \\d+;", "$1 = N;");
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
