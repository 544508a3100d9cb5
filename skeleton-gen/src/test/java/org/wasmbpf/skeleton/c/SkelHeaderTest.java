package org.wasmbpf.skeleton.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.bpf.Clang;
import org.wasmbpf.bpf.Fixture;
import org.wasmbpf.skeleton.ClangRecordLayouts;
import org.wasmbpf.skeleton.Cli;

/** NAME.skel.h of the layout fixture: compiles for wasm32, and says what the object holds. */
class SkelHeaderTest {
    private static final String[] WASM_CC = {"--target=wasm32-wasi", "-O2", "-Wall", "-Wextra", "-Werror", "-c"};

    @TempDir
    static Path dir;
    static String skel;
    static byte[] elf;

    @BeforeAll
    static void generate() throws Exception {
        Path obj = Fixture.compile(dir);
        Cli.generateC(obj, dir);
        skel = Files.readString(dir.resolve("fixture.skel.h"));
        elf = Files.readAllBytes(obj);
        Files.createDirectories(dir.resolve("stub"));
        Fixture.copyResource("stub/libbpf-wasm.h", dir.resolve("stub/libbpf-wasm.h"));
        Fixture.copyResource("layout/skel_user.c", dir.resolve("skel_user.c"));
    }

    @Test
    void compilesForWasm32AgainstTheContractsDeclarations() {
        List<String> args = new ArrayList<>(List.of(WASM_CC));
        args.addAll(List.of("-I", "stub", "-I", ".", "skel_user.c", "-o", "skel_user_stub.o"));
        Clang.run(dir, args.toArray(String[]::new));
    }

    @Test
    void compilesForWasm32AgainstTheGuestSdk() {
        Path sdk = Path.of("").toAbsolutePath().resolveSibling("guest-sdk").resolve("c");
        assertTrue(Files.isRegularFile(sdk.resolve("libbpf-wasm.h")), sdk + "/libbpf-wasm.h is missing");
        List<String> args = new ArrayList<>(List.of(WASM_CC));
        args.addAll(List.of("-I", sdk.toString(), "-I", ".", "skel_user.c", "-o", "skel_user_sdk.o"));
        Clang.run(dir, args.toArray(String[]::new));
    }

    @Test
    void mapsComeFromTheirBtfDefinitionsThenRodata() {
        Matcher m = Pattern.compile("\\.name = \"([^\"]+)\",\\s*\\.map = &obj->maps\\.(\\w+),\\s*\\.mmaped = ([^,]+),"
                + "\\s*\\.type = (\\d+), /\\* (\\w+) \\*/\\s*\\.max_entries = (\\d+),\\s*\\.key_size = (\\d+),"
                + "\\s*\\.value_size = (\\d+),").matcher(skel);
        List<String> maps = new ArrayList<>();
        while (m.find()) {
            maps.add(String.join(" ", m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6),
                    m.group(7), m.group(8)));
        }
        long rodataSize = 0;
        for (ClangRecordLayouts.Record r : rodataLayout()) {
            rodataSize = r.size();
        }
        assertEquals(List.of(
                "fx_hash fx_hash NULL 1 BPF_MAP_TYPE_HASH 128 16 112",
                "fx_ring fx_ring NULL 27 BPF_MAP_TYPE_RINGBUF 4096 0 0",
                "fx_perf fx_perf NULL 4 BPF_MAP_TYPE_PERF_EVENT_ARRAY 0 4 4",
                ".rodata rodata (void **)&obj->rodata 2 BPF_MAP_TYPE_ARRAY 1 4 " + rodataSize), maps);
        assertTrue(skel.contains("s->map_cnt = 4;"));
    }

    @Test
    void programsAreTheGlobalFunctionsOutsideText() {
        Matcher m = Pattern.compile("\\.name = \"(\\w+)\", \\.prog = &obj->progs\\.(\\w+) }; /\\* SEC\\(\"([^\"]+)\"\\)").matcher(skel);
        List<String> progs = new ArrayList<>();
        while (m.find()) {
            progs.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
        }
        assertEquals(List.of("fx_first fx_first tp/syscalls/sys_enter_getpid", "fx_second fx_second kprobe/do_nanosleep"),
                progs, "fx_helper is global but in .text, so it is no program");
        assertTrue(skel.contains("s->prog_cnt = 2;"));
    }

    /**
     * The rodata struct, as clang lays it out on wasm32, must find each initial value of the
     * BPF source in the embedded bytes at rodata_offset: that is what a write through
     * skel->rodata patches before load.
     */
    @Test
    void rodataStructPointsAtEachGlobalsBytesInTheObject() {
        Matcher off = Pattern.compile("s->rodata_offset = (\\d+);").matcher(skel);
        assertTrue(off.find(), "skel.h sets no rodata_offset");
        int base = Integer.parseInt(off.group(1));
        ClangRecordLayouts.Record r = rodataLayout().get(0);
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, b.get(base + at(r, "ro_c")));
        assertEquals(2, b.getLong(base + at(r, "ro_l")));
        assertEquals(3, b.getInt(base + at(r, "ro_i")));
        assertEquals(4, b.getShort(base + at(r, "ro_inner.x")));
        assertEquals(5, b.getLong(base + at(r, "ro_inner.y")));
        assertEquals(6, b.get(base + at(r, "ro_bytes")));
        assertEquals(8, b.get(base + at(r, "ro_bytes") + 2));
        assertEquals(6, b.getInt(base + at(r, "ro_color")), "FX_BLUE");
        assertEquals(1, b.get(base + at(r, "ro_flag")));
    }

    @Test
    void embedsTheObjectBytesWritableAndAligned() {
        assertTrue(skel.contains("static unsigned char fixture_bpf__elf_bytes_data[] __attribute__((aligned(8))) = {\n"
                + "\t0x7f, 0x45, 0x4c, 0x46, "));
        Matcher m = Pattern.compile("0x[0-9a-f]{2},").matcher(skel);
        int n = 0;
        while (m.find()) {
            n++;
        }
        assertEquals(elf.length, n, "every byte of the object, once");
    }

    private static int at(ClangRecordLayouts.Record r, String member) {
        ClangRecordLayouts.Member m = r.members().get(member);
        assertNotNull(m, "rodata struct has no member " + member + ": " + r.members().keySet());
        return (int) (m.bitOffset() / 8);
    }

    private static List<ClangRecordLayouts.Record> rodataLayout() {
        try {
            Files.writeString(dir.resolve("rodata_probe.c"), "#include \"fixture.wasm.h\"\n#include \"fixture.skel.h\"\n"
                    + "_Static_assert(sizeof(struct fixture_bpf__rodata) > 0, \"\");\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String dump = Clang.run(dir, "--target=wasm32-wasi", "-fsyntax-only", "-Xclang", "-fdump-record-layouts",
                "-I", "stub", "-I", ".", "rodata_probe.c");
        ClangRecordLayouts.Record r = ClangRecordLayouts.parse(dump).get("struct fixture_bpf__rodata");
        assertNotNull(r, "clang did not lay out struct fixture_bpf__rodata");
        return List.of(r);
    }
}
