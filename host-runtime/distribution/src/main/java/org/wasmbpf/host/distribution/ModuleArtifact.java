package org.wasmbpf.host.distribution;

/** A fetched module or BPF object: its bytes, the file name it goes by, and their digest. */
public record ModuleArtifact(byte[] bytes, String fileName, String digest) {
}
