package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wasmbpf.tests.support.Repo;

/**
 * The headers skeleton-gen wrote for the C examples during this build, against checked-in copies.
 * The embedded object bytes and the .rodata file offset depend on clang and on the kernel's
 * vmlinux.h, so they are masked; everything a guest author reads is compared.
 * Rewrite the copies with {@code -Dgolden.update=true}.
 */
class ExampleHeadersGoldenTest {

    @ParameterizedTest
    @CsvSource({"bootstrap, skel.h", "bootstrap, wasm.h", "runqlat, skel.h", "runqlat, wasm.h"})
    void generatedHeaderMatchesGoldenCopy(String example, String kind) throws IOException {
        String name = example + "." + kind;
        String actual = masked(Files.readString(Repo.cExampleBuildDir().resolve(name)));
        Path golden = Repo.root().resolve("tests/src/test/resources/golden/" + name);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual);
        }
        assertEquals(Files.readString(golden), actual, name + " differs from " + golden);
    }

    private static String masked(String header) {
        return header.lines()
                .filter(l -> !l.matches("\\t(0x[0-9a-f]{2}, ?)+"))
                .map(l -> l.replaceFirst("rodata_offset = \\d+;", "rodata_offset = <masked>;"))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
