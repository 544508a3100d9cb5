package org.wasmbpf.bpf.object;

/** A BPF program: its function name and the ELF section it lives in (which says how it attaches). */
public record ProgramInfo(String name, String section) {
}
