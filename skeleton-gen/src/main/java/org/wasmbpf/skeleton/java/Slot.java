package org.wasmbpf.skeleton.java;

/** A member to give accessors: a struct member or a global of .rodata, at a bit offset in its view. */
record Slot(String cPath, int typeId, long bitOffset, int bitSize) {
}
