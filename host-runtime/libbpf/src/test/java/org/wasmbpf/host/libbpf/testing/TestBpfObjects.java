package org.wasmbpf.host.libbpf.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Builds the test BPF objects from {@code bpf/*.bpf.c} on the test classpath with clang, and
 * patches their read-only globals. Shared with host-core's tests through the test-jar.
 * Missing tools fail the test with the reason; nothing is skipped.
 */
public final class TestBpfObjects {
    private TestBpfObjects() {}

    /** Compiles {@code bpf/NAME.bpf.c} and returns the object's bytes. */
    public static byte[] compile(String name) throws IOException, InterruptedException {
        String resource = "bpf/" + name + ".bpf.c";
        Path dir = Files.createTempDirectory("wasmbpf-test-bpf");
        Path src = dir.resolve(name + ".bpf.c");
        Path obj = dir.resolve(name + ".bpf.o");
        try (InputStream in = TestBpfObjects.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " is not on the classpath");
            }
            Files.write(src, in.readAllBytes());
        }
        List<String> cmd = List.of("clang", "-g", "-O2", "-target", "bpf", "-D__TARGET_ARCH_" + targetArch(),
                "-I/usr/include/" + multiarch(), "-c", src.toString(), "-o", obj.toString());
        try {
            run(cmd);
            return Files.readAllBytes(obj);
        } finally {
            for (Path p : List.of(src, obj, dir)) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Writes a little-endian u32 at {@code offset} within the ELF section {@code section} (e.g. ".rodata"). */
    public static void patchU32(byte[] elf, String section, int offset, int value) {
        long fileOffset = sectionOffset(elf, section);
        ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN).putInt((int) fileOffset + offset, value);
    }

    /** File offset of an ELF64 little-endian section by name. */
    public static long sectionOffset(byte[] elf, String section) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = b.getLong(0x28);
        int shentsize = Short.toUnsignedInt(b.getShort(0x3A));
        int shnum = Short.toUnsignedInt(b.getShort(0x3C));
        int shstrndx = Short.toUnsignedInt(b.getShort(0x3E));
        long strtab = b.getLong((int) (shoff + (long) shstrndx * shentsize + 0x18));
        for (int i = 0; i < shnum; i++) {
            int sh = (int) (shoff + (long) i * shentsize);
            int nameOff = b.getInt(sh);
            if (section.equals(cString(elf, (int) strtab + nameOff))) {
                return b.getLong(sh + 0x18);
            }
        }
        throw new IllegalArgumentException("no section " + section + " in the test object");
    }

    /** Runs a command, returns its stdout; fails with its output when it exits non-zero. */
    public static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd.get(0) + " (needed by this test; run scripts/setup.sh): " + e.getMessage());
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
        return out;
    }

    private static String cString(byte[] b, int off) {
        int end = off;
        while (b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.US_ASCII);
    }

    private static String targetArch() {
        return isArm() ? "arm64" : "x86";
    }

    private static String multiarch() {
        return isArm() ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
    }

    private static boolean isArm() {
        return System.getProperty("os.arch", "").toLowerCase(Locale.ROOT).equals("aarch64");
    }
}
