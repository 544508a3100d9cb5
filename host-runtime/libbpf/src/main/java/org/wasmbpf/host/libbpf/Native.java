package org.wasmbpf.host.libbpf;

import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import jnr.ffi.Runtime;

/**
 * The native bindings, each made on first use. {@link #calls()} is what the host calls up to
 * attach: {@code java.lang.foreign} on JDK 22 and later, jnr-ffi before. {@link #bpf()} and
 * {@link #libc()} are the jnr-ffi interfaces, used on JDKs before 22 and by the rare consumer
 * that needs libbpf to call back (rings over 512 MiB); {@link #bufferCalls()} is what the buffer
 * readers use, chosen as {@link #calls()} is.
 */
final class Native {
    static final String LIBBPF = "libbpf.so.1";
    /** {@code -Dwasm-bpf.native=jnr} forces jnr-ffi on a JDK that could use java.lang.foreign. */
    static final String BINDING_PROPERTY = "wasm-bpf.native";
    private static final String FFM_CALLS = "org.wasmbpf.host.libbpf.FfmNativeCalls";
    private static final String FFM_BUFFER_CALLS = "org.wasmbpf.host.libbpf.FfmBufferCalls";
    private static final int FIRST_FFM_JDK = 22;

    private static LibcNative libc;
    private static LibbpfNative bpf;
    private static Runtime bpfRuntime;
    private static BpfException bpfLoadFailure;
    private static NativeCalls calls;
    private static BufferCalls bufferCalls;
    private static boolean logCaptured;

    private Native() {}

    /** The binding of the attach path, or the same clear BpfException on every call when libbpf cannot be loaded. */
    static synchronized NativeCalls calls() {
        if (calls == null) {
            calls = useFfm() ? (NativeCalls) ffm(FFM_CALLS) : new JnrNativeCalls();
        }
        return calls;
    }

    /** The buffer readers' binding, chosen as {@link #calls()}'s is, made on the first buffer opened. */
    static synchronized BufferCalls bufferCalls() {
        if (bufferCalls == null) {
            bufferCalls = useFfm() ? (BufferCalls) ffm(FFM_BUFFER_CALLS) : new JnrBufferCalls();
        }
        return bufferCalls;
    }

    /** Which binding {@link #calls()} uses: "ffm" or "jnr". */
    static String binding() {
        return calls() instanceof JnrNativeCalls ? "jnr" : "ffm";
    }

    private static boolean useFfm() {
        String forced = System.getProperty(BINDING_PROPERTY, "");
        return !forced.equals("jnr") && java.lang.Runtime.version().feature() >= FIRST_FFM_JDK && ffmBuilt();
    }

    /**
     * Whether this build has the java.lang.foreign binding (a build without JDK 22+ has not). Asked
     * of the class loader by class, not as a resource: a class cache answers that without opening
     * the jar, which a resource lookup opens (~10 ms of a cold start).
     */
    private static boolean ffmBuilt() {
        try {
            Class.forName(FFM_CALLS, false, Native.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static Object ffm(String className) {
        try {
            return Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            if (e.getCause() instanceof BpfException b) {
                throw b;
            }
            throw new IllegalStateException("cannot make the java.lang.foreign binding", e);
        }
    }

    static synchronized LibcNative libc() {
        if (libc == null) {
            libc = LibraryLoader.create(LibcNative.class)
                    .option(LibraryOption.SaveError, Boolean.TRUE)
                    .failImmediately()
                    .load("c");
        }
        return libc;
    }

    /** libbpf through jnr-ffi, or the same clear BpfException on every call when it cannot be loaded. */
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
            bpfRuntime = Runtime.getRuntime(loaded);
            bpf = loaded;
            return bpf;
        } catch (LinkageError | RuntimeException e) {
            bpfLoadFailure = cannotLoad(e.getMessage());
            throw bpfLoadFailure;
        }
    }

    static BpfException cannotLoad(String why) {
        return new BpfException(Errno.ENOSYS, "cannot load " + LIBBPF + " (install the libbpf1 package): " + why);
    }

    static synchronized Runtime runtime() {
        bpf();
        return bpfRuntime;
    }

    /**
     * Turns on the capture of libbpf's log, if it is off: true if it was. The print callback is an
     * upcall the JDK generates at run time (~20 ms of a cold start), so a run that nothing fails in
     * never makes it: a failing libbpf call turns capture on and is made again for its log.
     */
    static synchronized boolean startLogCapture() {
        if (logCaptured) {
            return false;
        }
        calls().captureLog();
        logCaptured = true;
        return true;
    }

    /** errno saved by the last jnr-ffi call on this thread (all jnr libraries share the JVM's slot). */
    static int errno() {
        return Runtime.getSystemRuntime().getLastError();
    }
}
