package org.wasmbpf.skeleton.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.wasmbpf.skeleton.btf.Btf;
import org.wasmbpf.skeleton.btf.BtfFormatException;
import org.wasmbpf.skeleton.elf.ElfFile;
import org.wasmbpf.skeleton.elf.ElfSection;

/**
 * The part of the kernel's BTF a BPF object's CO-RE relocations read, as a BTF file to hand
 * libbpf ({@code btf_custom_path}) instead of the kernel's 5 MB: libbpf then resolves every
 * relocation to the same offsets, without reading and indexing all kernel types on each load.
 * What bpftool's {@code gen min_core_btf} makes, for one object, without bpftool.
 */
public final class MinimalCoreBtf {
    private MinimalCoreBtf() {
    }

    /**
     * What an object's minimal BTF depends on besides the kernel: its .BTF and .BTF.ext sections,
     * each after its length (4 bytes, little-endian). Objects that differ only elsewhere (a
     * {@code const volatile} in .rodata set before the load) get the same minimal BTF, so this,
     * not the whole object, is what to key a cache of them by.
     *
     * @return empty when the object has no .BTF (no CO-RE)
     * @throws BtfFormatException or another {@code BadInputException} when the ELF is malformed
     */
    public static Optional<byte[]> coreInputs(byte[] object) {
        ElfFile elf = ElfFile.parse(object);
        Optional<ElfSection> btf = elf.section(".BTF");
        if (btf.isEmpty()) {
            return Optional.empty();
        }
        byte[] types = elf.data(btf.get());
        byte[] ext = elf.section(".BTF.ext").map(elf::data).orElse(new byte[0]);
        return Optional.of(ByteBuffer.allocate(8 + types.length + ext.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(types.length).put(types).putInt(ext.length).put(ext).array());
    }

    /**
     * @param object the BPF ELF object
     * @param kernel the running kernel's types ({@link KernelTypes#running()})
     * @return the minimal BTF, or empty when no relocation needs the kernel's types (or the object has no BTF)
     * @throws UnsupportedCoreException when a relocation needs more than a minimal BTF can
     *     be shown to give (libbpf should then read the kernel's own BTF)
     * @throws BtfFormatException when the object's BTF or .BTF.ext is malformed
     */
    public static Optional<byte[]> of(byte[] object, KernelTypes kernel) {
        ElfFile elf = ElfFile.parse(object);
        Optional<ElfSection> btf = elf.section(".BTF");
        if (btf.isEmpty()) {
            return Optional.empty(); // no BTF, no CO-RE
        }
        Btf local = Btf.parse(elf.data(btf.get()));
        List<CoreRelocation> relocations = CoreRelocations.read(elf, local);
        RelocationMarker marker = new RelocationMarker(local, kernel);
        boolean needed = false;
        for (CoreRelocation r : relocations) {
            needed |= marker.mark(r);
        }
        return needed ? Optional.of(MinimalBtfWriter.write(marker.marks())) : Optional.empty();
    }
}
