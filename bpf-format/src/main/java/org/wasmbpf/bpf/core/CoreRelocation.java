package org.wasmbpf.bpf.core;

import java.util.List;

/**
 * One CO-RE relocation of a BPF object's .BTF.ext (libbpf's {@code struct bpf_core_relo}):
 * an instruction whose offset or immediate libbpf rewrites for the running kernel's types.
 *
 * @param section the program section the instruction is in
 * @param typeId the local (object BTF) root type
 * @param access the access string ("0:1:2") split: an index into the root, then member or element indices
 * @param kind a {@code BPF_CORE_*} relocation kind, one of the constants here
 */
public record CoreRelocation(String section, int typeId, List<Integer> access, int kind) {
    public static final int FIELD_BYTE_OFFSET = 0;
    public static final int FIELD_BYTE_SIZE = 1;
    public static final int FIELD_EXISTS = 2;
    public static final int FIELD_SIGNED = 3;
    public static final int FIELD_LSHIFT_U64 = 4;
    public static final int FIELD_RSHIFT_U64 = 5;
    public static final int TYPE_ID_LOCAL = 6;
    public static final int TYPE_ID_TARGET = 7;
    public static final int TYPE_EXISTS = 8;
    public static final int TYPE_SIZE = 9;
    public static final int ENUMVAL_EXISTS = 10;
    public static final int ENUMVAL_VALUE = 11;
    public static final int TYPE_MATCHES = 12;

    public boolean fieldBased() {
        return kind <= FIELD_RSHIFT_U64;
    }

    public boolean enumValueBased() {
        return kind == ENUMVAL_EXISTS || kind == ENUMVAL_VALUE;
    }

    @Override
    public String toString() {
        return section + ": kind " + kind + " [" + typeId + "] " + access;
    }
}
