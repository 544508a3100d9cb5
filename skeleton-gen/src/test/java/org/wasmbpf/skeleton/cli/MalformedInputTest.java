package org.wasmbpf.skeleton.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.bpf.Clang;
import org.wasmbpf.bpf.Fixture;
import org.wasmbpf.bpf.btf.BtfBuilder;
import org.wasmbpf.bpf.btf.BtfKind;
import org.wasmbpf.bpf.elf.ElfFile;
import org.wasmbpf.bpf.elf.ElfSection;
import org.wasmbpf.skeleton.Cli;

/** Bad input through the CLI: one line "skeleton-gen: FILE: cause" on stderr, exit 1, nothing written. */
class MalformedInputTest {
    @TempDir
    static Path dir;
    static byte[] good;

    @BeforeAll
    static void compile() throws Exception {
        good = Files.readAllBytes(Fixture.compile(dir));
    }

    @Test
    void emptyFile() throws Exception {
        expectError(write("empty.bpf.o", new byte[0]), "empty file, expected an ELF object");
    }

    @Test
    void wrongMagic() throws Exception {
        expectError(write("text.bpf.o", "int main() {}\n".getBytes()), "not an ELF file (bad magic)");
    }

    @Test
    void truncatedElfHeader() throws Exception {
        expectError(write("short.bpf.o", Arrays.copyOf(good, 40)), "truncated ELF header (40 bytes, need 64)");
    }

    @Test
    void truncatedElf() throws Exception {
        expectError(write("cut.bpf.o", Arrays.copyOf(good, good.length / 2)),
                "truncated or corrupt ELF: section header table at offset");
    }

    @Test
    void elf32AndBigEndianAreRejected() throws Exception {
        byte[] elf32 = good.clone();
        elf32[4] = 1;
        expectError(write("elf32.bpf.o", elf32), "ELF32 file, only ELF64 BPF objects are supported");
        byte[] be = good.clone();
        be[5] = 2;
        expectError(write("be.bpf.o", be), "big-endian ELF file, only little-endian BPF objects are supported");
    }

    @Test
    void objectWithoutBtf() throws Exception {
        Clang.run(dir, "-O2", "-target", "bpf", "-c", Fixture.SOURCE, "-o", "nobtf.bpf.o");
        expectError(dir.resolve("nobtf.bpf.o"), "no .BTF section: compile the BPF program with clang -g");
    }

    @Test
    void btfWithStringOffsetOutOfRange() throws Exception {
        BtfBuilder b = new BtfBuilder();
        b.intType("int", 4, 1);
        b.type(9999, BtfKind.TYPEDEF, 0, false, 1);
        expectError(write("badstr.bpf.o", withBtf(b.build())),
                ".BTF section: type [2] refers to string offset 9999, outside the string section");
    }

    @Test
    void btfWithTypeIdOutOfRange() throws Exception {
        BtfBuilder b = new BtfBuilder();
        b.type("s", BtfKind.STRUCT, 1, false, 4, b.str("m"), 77, 0);
        expectError(write("badid.bpf.o", withBtf(b.build())),
                ".BTF section: type [1] STRUCT 's' refers to type id 77, but the largest type id is 1");
    }

    @Test
    void truncatedBtf() throws Exception {
        BtfBuilder b = new BtfBuilder();
        b.intType("int", 4, 1);
        expectError(write("cutbtf.bpf.o", withBtf(b.build(64))), ".BTF section: truncated BTF: string section");
    }

    @Test
    void unknownBtfKind() throws Exception {
        BtfBuilder b = new BtfBuilder();
        b.type(0, 31, 0, false, 0);
        expectError(write("kind.bpf.o", withBtf(b.build())), ".BTF section: type [1] has unknown BTF kind 31");
    }

    @Test
    void missingObject() {
        expectError(dir.resolve("absent.bpf.o"), "cannot read: no such file or directory");
    }

    @Test
    void structNotInBtf() throws Exception {
        Path obj = write("ok.bpf.o", good);
        Cli.Result r = Cli.run("c", "--out", dir.resolve("out-struct").toString(), "--struct", "fx_event",
                "--struct", "no_such_struct", obj.toString());
        r.assertOneLineError(obj, "struct 'no_such_struct' (--struct) is not in the object's BTF");
    }

    @Test
    void badKernelBtfNamesTheKernelBtfFile() throws Exception {
        Path obj = write("ok2.bpf.o", good);
        Path kernel = write("vmlinux.bad", "garbage!".getBytes());
        Cli.Result r = Cli.run("c", "--out", dir.resolve("out-kernel").toString(), "--kernel-btf", kernel.toString(),
                obj.toString());
        r.assertOneLineError(kernel, "not BTF data (magic 0x6167");
    }

    @Test
    void usageErrorsExitWith2AndPrintUsage() {
        Cli.Result r = Cli.run("c");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("Missing required"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    private static void expectError(Path object, String cause) {
        Path out = dir.resolve("out-" + object.getFileName());
        Cli.Result r = Cli.run("c", "--out", out.toString(), object.toString());
        r.assertOneLineError(object, cause);
        assertFalse(Files.exists(out), "nothing is written for bad input");
    }

    private static Path write(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** The fixture object with its .BTF section's contents replaced (in place; the new BTF must fit). */
    private static byte[] withBtf(byte[] btf) {
        ElfFile elf = ElfFile.parse(good);
        ElfSection sec = elf.section(".BTF").orElseThrow();
        assertTrue(btf.length <= sec.size(), "replacement BTF must fit into the section");
        byte[] out = good.clone();
        Arrays.fill(out, (int) sec.offset(), (int) (sec.offset() + sec.size()), (byte) 0);
        System.arraycopy(btf, 0, out, (int) sec.offset(), btf.length);
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = b.getLong(0x28);
        b.putLong((int) (shoff + 64L * sec.index() + 32), btf.length);
        return out;
    }
}
