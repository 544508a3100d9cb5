package org.wasmbpf.skeleton.c;

/** The object file as a C array: writable (the guest patches .rodata in place) and 8-aligned. */
final class ElfBytesWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int PER_LINE = 16;

    private ElfBytesWriter() {
    }

    static void write(String name, byte[] bytes, StringBuilder out) {
        out.append("static unsigned char ").append(name).append("[] __attribute__((aligned(8))) = {\n");
        for (int i = 0; i < bytes.length; i++) {
            out.append(i % PER_LINE == 0 ? "\t" : " ");
            int b = bytes[i] & 0xff;
            out.append("0x").append(HEX[b >> 4]).append(HEX[b & 0xf]).append(',');
            if (i % PER_LINE == PER_LINE - 1 || i == bytes.length - 1) {
                out.append('\n');
            }
        }
        out.append("};\n");
    }
}
