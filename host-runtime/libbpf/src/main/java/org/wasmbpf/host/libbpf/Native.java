package org.wasmbpf.host.libbpf;

/**
 * The native binding, made on first use: {@code java.lang.foreign} on JDK 22 and later, jffi
 * before. {@link #calls()} is what the host calls up to attach, {@link #bufferCalls()} what the
 * buffer readers use, both over {@link #binding()}; {@link #jffi()} is for the rare consumer that
 * needs libbpf to call back per sample (rings over 512 MiB), on every JDK.
 */
final class Native {
    static final String LIBBPF = "libbpf.so.1";
    /** {@code -Dwasm-bpf.native=jnr} forces jffi on a JDK that could use java.lang.foreign. */
    static final String BINDING_PROPERTY = "wasm-bpf.native";
    private static final String FFM_BINDING = "org.wasmbpf.host.libbpf.FfmBinding";
    private static final int FIRST_FFM_JDK = 22;

    private static NativeBinding binding;
    private static JnrBinding jffi;
    private static NativeCalls calls;
    private static BufferCalls bufferCalls;

    private Native() {}

    /**
     * The calls of the attach path, with libbpf's print callback installed; the same clear
     * BpfException on every call when libbpf cannot be loaded.
     */
    static synchronized NativeCalls calls() {
        if (calls == null) {
            calls = new NativeCalls(binding());
        }
        return calls;
    }

    /** The buffer readers' calls, made on the first buffer opened. */
    static synchronized BufferCalls bufferCalls() {
        if (bufferCalls == null) {
            bufferCalls = new BufferCalls(binding());
        }
        return bufferCalls;
    }

    static synchronized NativeBinding binding() {
        if (binding == null) {
            binding = useFfm() ? ffm() : jffi();
        }
        return binding;
    }

    static synchronized JnrBinding jffi() {
        if (jffi == null) {
            jffi = new JnrBinding();
        }
        return jffi;
    }

    /** Which binding {@link #calls()} uses: "ffm" or "jnr". */
    static String bindingName() {
        return binding() instanceof JnrBinding ? "jnr" : "ffm";
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
            Class.forName(FFM_BINDING, false, Native.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static NativeBinding ffm() {
        try {
            return (NativeBinding) Class.forName(FFM_BINDING).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            if (e.getCause() instanceof BpfException b) {
                throw b;
            }
            throw new IllegalStateException("cannot make the java.lang.foreign binding", e);
        }
    }

    static BpfException cannotLoad(String why) {
        return new BpfException(Errno.ENOSYS, "cannot load " + LIBBPF + " (install the libbpf1 package): " + why);
    }
}
