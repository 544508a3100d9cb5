package org.wasmbpf.bpf.elf;

/** One entry of .symtab. */
public record ElfSymbol(String name, int bind, int type, int sectionIndex, long value, long size) {
    public static final int STB_LOCAL = 0;
    public static final int STB_GLOBAL = 1;
    public static final int STB_WEAK = 2;
    public static final int STT_NOTYPE = 0;
    public static final int STT_OBJECT = 1;
    public static final int STT_FUNC = 2;
    public static final int STT_SECTION = 3;
    /** Section indices at or above this are reserved (ABS, COMMON, XINDEX...), not real sections. */
    public static final int SHN_LORESERVE = 0xff00;

    public boolean isGlobalFunction() {
        return bind == STB_GLOBAL && type == STT_FUNC;
    }
}
