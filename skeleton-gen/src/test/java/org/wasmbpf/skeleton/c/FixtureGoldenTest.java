package org.wasmbpf.skeleton.c;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.bpf.Fixture;
import org.wasmbpf.skeleton.Cli;
import org.wasmbpf.skeleton.Golden;

/**
 * The fixture's headers against golden files, so that any change of the emitted text is seen in
 * review. The object comes from the local clang, so the skeleton's embedded bytes and the
 * .rodata offset are masked; a different clang may still need -Dgolden.update=true.
 */
class FixtureGoldenTest {
    @TempDir
    Path dir;

    @Test
    void headersMatchGoldenFiles() throws Exception {
        Path obj = Fixture.compile(dir);
        Cli.generateC(obj, dir, "--kernel-btf", "/sys/kernel/btf/vmlinux");
        Golden.assertMatches(Files.readString(dir.resolve("fixture.wasm.h")), "fixture/fixture.wasm.h");
        String skel = Files.readString(dir.resolve("fixture.skel.h"))
                .replaceAll("(?m)^\t0x[0-9a-f]{2},.*\n", "")
                .replaceAll("rodata_offset = \\d+;", "rodata_offset = N;");
        Golden.assertMatches(skel, "fixture/fixture.skel.h.masked");
    }

    @Test
    void outputIsTheSameOnEveryRun() throws Exception {
        Path obj = Fixture.compile(dir);
        Cli.generateC(obj, dir.resolve("a"));
        Cli.generateC(obj, dir.resolve("b"));
        for (String f : new String[] {"fixture.skel.h", "fixture.wasm.h"}) {
            org.junit.jupiter.api.Assertions.assertEquals(Files.readString(dir.resolve("a").resolve(f)),
                    Files.readString(dir.resolve("b").resolve(f)), f);
        }
    }
}
