package org.wasmbpf.host.libbpf;

import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import jnr.ffi.Runtime;

/** Loads libc and libbpf once, on first use, and installs the libbpf log capture. */
final class Native {
    static final String LIBBPF = "libbpf.so.1";

    private static LibcNative libc;
    private static LibbpfNative bpf;
    private static Runtime bpfRuntime;
    private static BpfException bpfLoadFailure;

    private Native() {}

    static synchronized LibcNative libc() {
        if (libc == null) {
            libc = LibraryLoader.create(LibcNative.class)
                    .option(LibraryOption.SaveError, Boolean.TRUE)
                    .failImmediately()
                    .load("c");
        }
        return libc;
    }

    /** libbpf, or the same clear BpfException on every call when it cannot be loaded. */
    static synchronized LibbpfNative bpf() {
        if (bpf != null) {
            return bpf;
        }
        if (bpfLoadFailure != null) {
            throw bpfLoadFailure;
        }
        try {
            LibbpfNative loaded = LibraryLoader.create(LibbpfNative.class)
                    .option(LibraryOption.SaveError, Boolean.TRUE)
                    .failImmediately()
                    .load(LIBBPF);
            Runtime runtime = Runtime.getRuntime(loaded);
            LibbpfLog.install(loaded, libc());
            bpfRuntime = runtime;
            bpf = loaded;
            return bpf;
        } catch (LinkageError | RuntimeException e) {
            bpfLoadFailure = new BpfException(Errno.ENOSYS,
                    "cannot load " + LIBBPF + " (install the libbpf1 package): " + e.getMessage());
            throw bpfLoadFailure;
        }
    }

    static synchronized Runtime runtime() {
        bpf();
        return bpfRuntime;
    }

    /** errno saved by the last native call on this thread (all jnr libraries share the JVM's slot). */
    static int errno() {
        return Runtime.getSystemRuntime().getLastError();
    }
}
