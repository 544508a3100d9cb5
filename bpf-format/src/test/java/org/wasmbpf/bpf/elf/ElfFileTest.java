package org.wasmbpf.bpf.elf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.bpf.Fixture;

/** Sections, symbols and section data of a clang-built BPF object. */
class ElfFileTest {
    @TempDir
    Path dir;

    @Test
    void readsSectionsSymbolsAndData() throws Exception {
        byte[] bytes = Files.readAllBytes(Fixture.compile(dir));
        ElfFile elf = ElfFile.parse(bytes);

        ElfSection prog = elf.section("tp/syscalls/sys_enter_getpid").orElseThrow();
        assertTrue(prog.isExecutable());
        assertEquals(ElfSection.SHT_PROGBITS, prog.type());
        ElfSection rodata = elf.section(".rodata").orElseThrow();
        assertFalse(rodata.isExecutable());
        assertTrue((rodata.flags() & ElfSection.SHF_ALLOC) != 0);
        assertArrayEquals(Arrays.copyOfRange(bytes, (int) rodata.offset(), (int) (rodata.offset() + rodata.size())),
                elf.data(rodata));
        ElfSection bss = elf.section(".bss").orElseThrow();
        assertEquals(ElfSection.SHT_NOBITS, bss.type());
        assertEquals(0, elf.data(bss).length, "NOBITS has no file bytes");

        ElfSymbol first = elf.symbols().stream().filter(s -> s.name().equals("fx_first")).findFirst().orElseThrow();
        assertTrue(first.isGlobalFunction());
        assertEquals(prog.index(), first.sectionIndex());
        assertTrue(first.size() > 0);
        ElfSymbol roL = elf.symbols().stream().filter(s -> s.name().equals("ro_l")).findFirst().orElseThrow();
        assertEquals(ElfSymbol.STT_OBJECT, roL.type());
        assertEquals(rodata.index(), roL.sectionIndex());
        assertEquals(8, roL.size());
        assertEquals(8, roL.value(), "ro_c (1 byte) then ro_l aligned to 8");
    }
}
