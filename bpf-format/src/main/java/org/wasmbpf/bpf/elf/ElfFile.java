package org.wasmbpf.bpf.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A little-endian ELF64 relocatable or executable file, as clang writes for {@code -target bpf}.
 * Every offset and size read from the file is checked against its length before use, so a
 * truncated or corrupt file fails with a message rather than an index exception.
 */
public final class ElfFile {
    private static final int EHDR_SIZE = 64;
    private static final int SHDR_SIZE = 64;
    private static final int SYM_SIZE = 24;

    private final byte[] bytes;
    private final List<ElfSection> sections;
    private final List<ElfSymbol> symbols;

    private ElfFile(byte[] bytes, List<ElfSection> sections, List<ElfSymbol> symbols) {
        this.bytes = bytes;
        this.sections = sections;
        this.symbols = symbols;
    }

    public static ElfFile parse(byte[] bytes) {
        checkIdent(bytes);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = buf.getLong(0x28);
        int shentsize = Short.toUnsignedInt(buf.getShort(0x3A));
        int shnum = Short.toUnsignedInt(buf.getShort(0x3C));
        int shstrndx = Short.toUnsignedInt(buf.getShort(0x3E));
        if (shnum == 0) {
            throw new ElfFormatException("ELF file has no section headers");
        }
        if (shentsize != SHDR_SIZE) {
            throw new ElfFormatException("ELF section header size is " + shentsize + ", expected " + SHDR_SIZE);
        }
        checkRange(bytes, shoff, (long) shnum * SHDR_SIZE, "section header table");
        if (shstrndx >= shnum) {
            throw new ElfFormatException("ELF section name table index " + shstrndx + " is out of range (" + shnum + " sections)");
        }
        long[][] raw = new long[shnum][];
        for (int i = 0; i < shnum; i++) {
            int at = (int) (shoff + (long) i * SHDR_SIZE);
            raw[i] = new long[] {
                Integer.toUnsignedLong(buf.getInt(at)), Integer.toUnsignedLong(buf.getInt(at + 4)),
                buf.getLong(at + 8), buf.getLong(at + 24), buf.getLong(at + 32),
                Integer.toUnsignedLong(buf.getInt(at + 40)), Integer.toUnsignedLong(buf.getInt(at + 44)),
                buf.getLong(at + 48), buf.getLong(at + 56)};
        }
        long[] names = raw[shstrndx];
        for (int i = 0; i < shnum; i++) {
            long[] r = raw[i];
            if (r[1] != ElfSection.SHT_NOBITS && r[1] != ElfSection.SHT_NULL) {
                checkRange(bytes, r[3], r[4], "section " + i);
            }
        }
        // A NOBITS or NULL section skips the range check above, yet its offset and size would
        // still be used to read names: only a string table will do.
        if (names[1] != ElfSection.SHT_STRTAB) {
            throw new ElfFormatException("ELF section name table (section " + shstrndx + ") is not a string table");
        }
        List<ElfSection> sections = new ArrayList<>(shnum);
        for (int i = 0; i < shnum; i++) {
            long[] r = raw[i];
            String name = i == 0 ? "" : cString(bytes, names[3], names[4], r[0], "section " + i + " name");
            sections.add(new ElfSection(i, name, (int) r[1], r[2], r[3], r[4], r[7], (int) r[5], (int) r[6], r[8]));
        }
        List<ElfSymbol> symbols = readSymbols(bytes, buf, sections);
        return new ElfFile(bytes, Collections.unmodifiableList(sections), symbols);
    }

    private static void checkIdent(byte[] b) {
        if (b.length == 0) {
            throw new ElfFormatException("empty file, expected an ELF object");
        }
        if (b.length < 4 || b[0] != 0x7f || b[1] != 'E' || b[2] != 'L' || b[3] != 'F') {
            throw new ElfFormatException("not an ELF file (bad magic)");
        }
        if (b.length < EHDR_SIZE) {
            throw new ElfFormatException("truncated ELF header (" + b.length + " bytes, need " + EHDR_SIZE + ")");
        }
        if (b[4] != 2) {
            throw new ElfFormatException(b[4] == 1 ? "ELF32 file, only ELF64 BPF objects are supported"
                    : "unknown ELF class " + b[4]);
        }
        if (b[5] != 1) {
            throw new ElfFormatException(b[5] == 2 ? "big-endian ELF file, only little-endian BPF objects are supported"
                    : "unknown ELF data encoding " + b[5]);
        }
    }

    private static List<ElfSymbol> readSymbols(byte[] bytes, ByteBuffer buf, List<ElfSection> sections) {
        ElfSection symtab = sections.stream().filter(s -> s.type() == ElfSection.SHT_SYMTAB).findFirst().orElse(null);
        if (symtab == null) {
            return List.of();
        }
        if (symtab.link() <= 0 || symtab.link() >= sections.size()) {
            throw new ElfFormatException("symbol table's string table index " + symtab.link() + " is out of range");
        }
        ElfSection strtab = sections.get(symtab.link());
        long count = symtab.size() / SYM_SIZE;
        List<ElfSymbol> symbols = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            int at = (int) (symtab.offset() + i * SYM_SIZE);
            long nameOff = Integer.toUnsignedLong(buf.getInt(at));
            int info = Byte.toUnsignedInt(buf.get(at + 4));
            int shndx = Short.toUnsignedInt(buf.getShort(at + 6));
            String name = cString(bytes, strtab.offset(), strtab.size(), nameOff, "symbol " + i + " name");
            symbols.add(new ElfSymbol(name, info >> 4, info & 0xf, shndx, buf.getLong(at + 8), buf.getLong(at + 16)));
        }
        return Collections.unmodifiableList(symbols);
    }

    private static void checkRange(byte[] bytes, long offset, long size, String what) {
        if (offset < 0 || size < 0 || offset > bytes.length || size > bytes.length - offset) {
            throw new ElfFormatException("truncated or corrupt ELF: " + what + " at offset " + Long.toUnsignedString(offset)
                    + " size " + Long.toUnsignedString(size) + " is outside the file (" + bytes.length + " bytes)");
        }
    }

    private static String cString(byte[] bytes, long tableOff, long tableSize, long off, String what) {
        if (off < 0 || off >= tableSize) {
            throw new ElfFormatException(what + ": string offset " + off + " is outside its string table (" + tableSize + " bytes)");
        }
        int start = (int) (tableOff + off);
        int end = start;
        int limit = (int) (tableOff + tableSize);
        while (end < limit && bytes[end] != 0) {
            end++;
        }
        if (end == limit) {
            throw new ElfFormatException(what + ": string at offset " + off + " is not NUL-terminated");
        }
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    public List<ElfSection> sections() {
        return sections;
    }

    public List<ElfSymbol> symbols() {
        return symbols;
    }

    public Optional<ElfSection> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public ElfSection section(int index) {
        if (index < 0 || index >= sections.size()) {
            throw new ElfFormatException("section index " + index + " is out of range (" + sections.size() + " sections)");
        }
        return sections.get(index);
    }

    /** The section's bytes; empty for NOBITS sections such as .bss. */
    public byte[] data(ElfSection section) {
        if (!section.hasFileData()) {
            return new byte[0];
        }
        int from = (int) section.offset();
        return java.util.Arrays.copyOfRange(bytes, from, from + (int) section.size());
    }

    /** The whole file, as read (callers must not modify it). */
    public byte[] bytes() {
        return bytes;
    }
}
