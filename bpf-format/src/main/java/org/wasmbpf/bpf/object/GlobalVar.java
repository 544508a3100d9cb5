package org.wasmbpf.bpf.object;

/** A non-static global variable of a data section, at its byte offset in that section. */
public record GlobalVar(String name, int typeId, long offset, long size) {
}
