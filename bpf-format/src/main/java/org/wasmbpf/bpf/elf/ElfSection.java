package org.wasmbpf.bpf.elf;

/** One section header; {@code index} is its position in the section header table. */
public record ElfSection(int index, String name, int type, long flags, long offset, long size,
                         long addralign, int link, int info, long entsize) {
    public static final int SHT_NULL = 0;
    public static final int SHT_PROGBITS = 1;
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_STRTAB = 3;
    public static final int SHT_NOBITS = 8;
    public static final long SHF_WRITE = 0x1;
    public static final long SHF_ALLOC = 0x2;
    public static final long SHF_EXECINSTR = 0x4;

    public boolean isExecutable() {
        return (flags & SHF_EXECINSTR) != 0;
    }

    /** NOBITS sections (.bss) occupy no bytes of the file. */
    public boolean hasFileData() {
        return type != SHT_NOBITS && type != SHT_NULL;
    }
}
