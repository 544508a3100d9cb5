package org.wasmbpf.skeleton.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.bpf.Clang;
import org.wasmbpf.bpf.Fixture;
import org.wasmbpf.skeleton.Cli;

/** Bad input to {@code skeleton-gen java}: as for {@code c}, one line, exit 1, nothing written. */
class JavaCliErrorsTest {
    @TempDir
    static Path dir;
    static byte[] good;

    @BeforeAll
    static void compile() throws Exception {
        good = Files.readAllBytes(Fixture.compile(dir));
    }

    @Test
    void badObjectsNameTheObjectAndTheCause() throws Exception {
        expectError(write("empty.bpf.o", new byte[0]), "empty file, expected an ELF object");
        expectError(write("text.bpf.o", "int main() {}\n".getBytes()), "not an ELF file (bad magic)");
        expectError(write("cut.bpf.o", Arrays.copyOf(good, good.length / 2)), "truncated or corrupt ELF");
        expectError(dir.resolve("absent.bpf.o"), "cannot read: no such file or directory");
        Clang.run(dir, "-O2", "-target", "bpf", "-c", Fixture.SOURCE, "-o", "nobtf.bpf.o");
        expectError(dir.resolve("nobtf.bpf.o"), "no .BTF section: compile the BPF program with clang -g");
    }

    @Test
    void unknownStructIsNamed() throws Exception {
        Path obj = write("ok.bpf.o", good);
        Path out = dir.resolve("out-struct");
        Cli.Result r = Cli.run("java", "--out", out.toString(), "--package", "p", "--struct", "no_such_struct", obj.toString());
        r.assertOneLineError(obj, "struct 'no_such_struct' (--struct) is not in the object's BTF");
        assertFalse(Files.exists(out), "nothing is written for bad input");
    }

    @Test
    void badPackageIsNamed() throws Exception {
        Path obj = write("ok3.bpf.o", good);
        for (String pkg : new String[] {"my-tool", "org.class", "a..b", "1abc", ""}) {
            Path out = dir.resolve("out-pkg");
            Cli.Result r = Cli.run("java", "--out", out.toString(), "--package", pkg, obj.toString());
            r.assertOneLineError("--package '" + pkg + "'", "not a Java package name");
            assertFalse(Files.exists(out), "nothing is written for bad input");
        }
    }

    @Test
    void badKernelBtfNamesTheKernelBtfFile() throws Exception {
        Path obj = write("ok2.bpf.o", good);
        Path kernel = write("vmlinux.bad", "garbage!".getBytes());
        Cli.Result r = Cli.run("java", "--out", dir.resolve("out-kernel").toString(), "--package", "p",
                "--kernel-btf", kernel.toString(), obj.toString());
        r.assertOneLineError(kernel, "not BTF data (magic 0x6167");
    }

    @Test
    void missingPackageOrObjectIsAUsageError() throws Exception {
        Path obj = write("ok4.bpf.o", good);
        for (String[] args : new String[][] {{"java", "--out", "x", obj.toString()}, {"java", "--out", "x", "--package", "p"}}) {
            Cli.Result r = Cli.run(args);
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("Missing required"), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
    }

    private static void expectError(Path object, String cause) {
        Path out = dir.resolve("out-" + object.getFileName());
        Cli.Result r = Cli.run("java", "--out", out.toString(), "--package", "p", object.toString());
        r.assertOneLineError(object, cause);
        assertFalse(Files.exists(out), "nothing is written for bad input");
    }

    private static Path write(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }
}
