package org.wasmbpf.skeleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares generated text with a checked-in file under src/test/resources/golden. Run the tests
 * with {@code -Dgolden.update=true} to (re)write the golden files from the current output, then
 * review the diff.
 *
 * <p>To cover another object: {@code Golden.assertHeaders(obj, dir, "bootstrap")} runs
 * {@code skeleton-gen c} and compares {@code bootstrap/bootstrap.skel.h} and
 * {@code bootstrap/bootstrap.wasm.h} under the golden directory.
 */
public final class Golden {
    public static final Path DIR = Path.of("src", "test", "resources", "golden");
    private static final String UPDATE = "golden.update";

    private Golden() {
    }

    public static void assertMatches(String actual, String name) {
        Path file = DIR.resolve(name);
        try {
            if (Boolean.getBoolean(UPDATE)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual);
                return;
            }
            if (!Files.exists(file)) {
                fail("golden file " + file.toAbsolutePath() + " does not exist; create it with -D" + UPDATE + "=true");
            }
            assertEquals(Files.readString(file), actual, "output differs from " + file
                    + "; if the change is intended, rerun with -D" + UPDATE + "=true and review the diff");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Generates the C headers of {@code object} into {@code outDir} and compares both with
     * golden/{@code goldenName}/NAME.{skel,wasm}.h.
     */
    public static void assertHeaders(Path object, Path outDir, String goldenName, String... extraArgs) {
        Cli.generateC(object, outDir, extraArgs);
        String base = org.wasmbpf.skeleton.c.CNames.baseName(object.getFileName().toString());
        for (String suffix : new String[] {".skel.h", ".wasm.h"}) {
            try {
                assertMatches(Files.readString(outDir.resolve(base + suffix)), goldenName + "/" + base + suffix);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
