package org.wasmbpf.bpf.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.wasmbpf.bpf.elf.ElfFile;
import org.wasmbpf.bpf.elf.ElfSection;

/**
 * What an object's minimal BTF depends on besides the kernel: its .BTF and .BTF.ext sections.
 * Objects that differ only elsewhere (a {@code const volatile} in .rodata set before the load)
 * get the same minimal BTF, so these, not the whole object, are what to key a cache of them by.
 */
public final class CoreInputs {
    private final byte[] btf;
    private final byte[] btfExt;

    private CoreInputs(byte[] btf, byte[] btfExt) {
        this.btf = btf;
        this.btfExt = btfExt;
    }

    /**
     * The sections of a BPF ELF object.
     *
     * @return empty when the object has no .BTF (no CO-RE)
     * @throws org.wasmbpf.bpf.BadInputException when the ELF is malformed
     */
    public static Optional<CoreInputs> of(byte[] object) {
        ElfFile elf = ElfFile.parse(object);
        Optional<ElfSection> btf = elf.section(".BTF");
        if (btf.isEmpty()) {
            return Optional.empty();
        }
        byte[] ext = elf.section(".BTF.ext").map(elf::data).orElse(new byte[0]);
        return Optional.of(new CoreInputs(elf.data(btf.get()), ext));
    }

    byte[] btf() {
        return btf;
    }

    /** Empty when the object has no .BTF.ext. */
    byte[] btfExt() {
        return btfExt;
    }

    /** Both sections, each after its length (4 bytes, little-endian): to key by and compare with. */
    public byte[] bytes() {
        return ByteBuffer.allocate(8 + btf.length + btfExt.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(btf.length).put(btf).putInt(btfExt.length).put(btfExt).array();
    }
}
