package org.wasmbpf.host.libbpf;

/** Process-wide facts about the system libbpf. */
public final class Libbpf {
    private static volatile int possibleCpus;

    private Libbpf() {}

    /**
     * Loads libbpf.so.1 and installs its print callback now instead of on first use: on
     * java.lang.foreign the JDK generates the glue of the first downcall and of the callback's
     * upcall then, ~20 ms each in a cold JVM. Call it on a thread of its own early on, as the CLI
     * does, to take that off the start's path.
     *
     * @throws BpfException naming the library when it cannot be loaded
     */
    public static void ensureLoaded() {
        Native.calls();
    }

    /** Number of possible CPUs, as libbpf and per-CPU maps count them. */
    public static int possibleCpus() {
        int n = possibleCpus;
        if (n <= 0) {
            n = Native.calls().libbpfNumPossibleCpus();
            if (n <= 0) {
                throw new BpfException(-n, "cannot count possible CPUs: " + Errno.describe(n));
            }
            possibleCpus = n;
        }
        return n;
    }
}
