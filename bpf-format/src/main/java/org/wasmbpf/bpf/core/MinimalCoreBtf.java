package org.wasmbpf.bpf.core;

import java.util.List;
import java.util.Optional;
import org.wasmbpf.bpf.btf.Btf;
import org.wasmbpf.bpf.btf.BtfFormatException;

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
     * @param object the object's BTF sections ({@link CoreInputs#of})
     * @param kernel the running kernel's types ({@link KernelTypes#running()})
     * @return the minimal BTF, or empty when no relocation needs the kernel's types
     * @throws UnsupportedCoreException when a relocation needs more than a minimal BTF can
     *     be shown to give (libbpf should then read the kernel's own BTF)
     * @throws BtfFormatException when the object's BTF or .BTF.ext is malformed
     */
    public static Optional<byte[]> of(CoreInputs object, KernelTypes kernel) {
        Btf local = Btf.parse(object.btf());
        List<CoreRelocation> relocations = CoreRelocations.read(object.btfExt(), local);
        RelocationMarker marker = new RelocationMarker(local, kernel);
        boolean needed = false;
        for (CoreRelocation r : relocations) {
            needed |= marker.mark(r);
        }
        return needed ? Optional.of(MinimalBtfWriter.write(marker.marks())) : Optional.empty();
    }
}
