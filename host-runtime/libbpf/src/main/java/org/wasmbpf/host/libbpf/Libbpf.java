package org.wasmbpf.host.libbpf;

/** Process-wide facts about the system libbpf. */
public final class Libbpf {
    private static volatile int possibleCpus;

    private Libbpf() {}

    /**
     * Loads libbpf.so.1 and installs its print callback now instead of on first use: ~35 ms of a
     * cold start on java.lang.foreign, most of it the JDK generating the glue of the first
     * downcall and of the callback's upcall. Call it on a thread of its own early on, as the CLI
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
