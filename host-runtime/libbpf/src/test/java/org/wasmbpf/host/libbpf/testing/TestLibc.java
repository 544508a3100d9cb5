package org.wasmbpf.host.libbpf.testing;

import jnr.ffi.LibraryLoader;

/** libc calls the tests make to trigger the test programs. */
public final class TestLibc {
    public interface C {
        int getppid();

        int getpid();
    }

    private static final C LIBC = LibraryLoader.create(C.class).failImmediately().load("c");

    private TestLibc() {}

    /** A real getppid(2) syscall (glibc does not cache it). */
    public static int getppid() {
        return LIBC.getppid();
    }

    public static int getpid() {
        return LIBC.getpid();
    }
}
