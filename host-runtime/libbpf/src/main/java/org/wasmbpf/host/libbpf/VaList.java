package org.wasmbpf.host.libbpf;

import java.util.Locale;

/** The va_list libbpf's print callback gets, which on x86-64 and aarch64 arrives as a pointer. */
final class VaList {
    private VaList() {}

    /** Size of the va_list object the pointer refers to; 0 where unknown (no second vsnprintf pass). */
    static int size() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            return 24;
        }
        if (arch.equals("aarch64")) {
            return 32;
        }
        return 0;
    }
}
