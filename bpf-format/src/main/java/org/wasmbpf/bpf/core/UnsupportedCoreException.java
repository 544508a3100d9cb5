package org.wasmbpf.bpf.core;

/**
 * The object relocates in a way a minimal BTF cannot be proven to resolve as the kernel's full
 * BTF does; the caller then lets libbpf read the full BTF.
 */
public final class UnsupportedCoreException extends RuntimeException {
    public UnsupportedCoreException(String message) {
        super(message);
    }
}
