package org.wasmbpf.bpf.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.wasmbpf.bpf.btf.Btf;

/** The running kernel's BTF with its types indexed by name, read once for any number of objects. */
public final class KernelTypes {
    public static final Path VMLINUX = Path.of("/sys/kernel/btf/vmlinux");

    private final Btf btf;
    private final KernelCandidates candidates;

    public KernelTypes(Btf btf) {
        this.btf = btf;
        this.candidates = new KernelCandidates(btf);
    }

    /** Reads and indexes {@link #VMLINUX}. */
    public static KernelTypes running() throws IOException {
        return new KernelTypes(Btf.parse(Files.readAllBytes(VMLINUX)));
    }

    Btf btf() {
        return btf;
    }

    KernelCandidates candidates() {
        return candidates;
    }
}
