package org.wasmbpf.host.runner;

/** A loaded map the runner reads: its fd and sizes from libbpf, its key and value types from BTF. */
record MapTarget(String name, int fd, int keySize, int valueSize, int keyType, int valueType) {
}
