package org.wasmbpf.host.libbpf;

import java.nio.ByteBuffer;

/**
 * How the host calls C: every {@link CFunction} by its declaration, native memory, and libbpf's
 * print callback. Two implementations: {@code FfmBinding} (java.lang.foreign, JDK 22 and later),
 * which starts far sooner because it generates no classes ahead of the calls a run makes, and
 * {@link JnrBinding} (jffi, any JDK). What the calls mean is written once, above this, in
 * {@link NativeCalls} and {@link BufferCalls}.
 */
interface NativeBinding {
    /**
     * Calls a function that is not {@link CFunction#critical}. Arguments past its parameters are
     * ignored; an {@code int} result is {@code (int)} of the result, a {@code void} one is 0.
     */
    long call(CFunction f, long a, long b, long c, long d, long e, long g);

    default long call(CFunction f) {
        return call(f, 0, 0, 0, 0, 0, 0);
    }

    default long call(CFunction f, long a) {
        return call(f, a, 0, 0, 0, 0, 0);
    }

    default long call(CFunction f, long a, long b) {
        return call(f, a, b, 0, 0, 0, 0);
    }

    default long call(CFunction f, long a, long b, long c) {
        return call(f, a, b, c, 0, 0, 0);
    }

    default long call(CFunction f, long a, long b, long c, long d) {
        return call(f, a, b, c, d, 0, 0);
    }

    /** Calls a {@link CFunction#critical} function; arguments past its parameters are ignored. */
    int callWithArrays(CFunction f, int fd, byte[] first, byte[] second, long flags);

    /**
     * Resolves and binds {@code f} now, as its first call would: throws if the library lacks it.
     *
     * @return the shape it is called with, in the binding's own terms
     */
    String bind(CFunction f);

    /** errno as the last call of this binding on this thread left it. */
    int errno();

    void copyIn(byte[] from, long address);

    void copyOut(long address, byte[] to, int length);

    /** A view of native memory that stays valid until it is unmapped or freed (byte order unset). */
    ByteBuffer view(long address, int length);

    /**
     * The address of a libbpf_print_fn_t that passes every call to {@link LibbpfPrinter#print};
     * made once, kept for the JVM's life.
     */
    long printer();
}
