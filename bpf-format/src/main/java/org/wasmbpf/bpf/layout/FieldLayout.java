package org.wasmbpf.bpf.layout;

/**
 * Where one member sits. {@code path} joins nested names with '.', skipping anonymous members
 * (as C does: {@code s.inner_field}). {@code bitSize} is 0 for a member that is not a bitfield.
 */
public record FieldLayout(String path, int typeId, long bitOffset, int bitSize, long size, int align) {
    public boolean isBitfield() {
        return bitSize != 0;
    }

    public long byteOffset() {
        return bitOffset / 8;
    }
}
