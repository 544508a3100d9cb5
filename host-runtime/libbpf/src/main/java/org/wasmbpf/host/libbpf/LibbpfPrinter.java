package org.wasmbpf.host.libbpf;

import static org.wasmbpf.host.libbpf.CFunction.VSNPRINTF;

/**
 * The body of libbpf's print callback, for both bindings' callbacks: libbpf hands it a printf
 * format and a va_list, which it expands with libc's vsnprintf (the va_list arrives as a pointer,
 * passed straight back) and hands to {@link LibbpfLog}, but only for the levels
 * {@link LibbpfLog#wants} so that debug lines cost nothing.
 */
final class LibbpfPrinter {
    private static final int FIRST_BUFFER = 8192;
    private static final int MAX_BUFFER = 16 << 20;
    private static final int VA_LIST_SIZE = VaList.size();

    private LibbpfPrinter() {}

    /** One call of libbpf_print_fn_t; returns its result. */
    static int print(NativeBinding c, int level, long format, long ap) {
        try {
            if (LibbpfLog.wants(level)) {
                LibbpfLog.print(level, format(c, format, ap));
            }
        } catch (Throwable ignored) {
            // Nothing may propagate into libbpf (a java.lang.foreign upcall that throws ends the JVM).
        }
        return 0;
    }

    private static String format(NativeBinding c, long format, long ap) {
        long buf = NativeMemory.allocate(c, FIRST_BUFFER);
        long apCopy = 0;
        try {
            if (VA_LIST_SIZE > 0) {
                // va_copy by hand: vsnprintf consumes ap, and a long verifier log needs a second pass.
                byte[] va = new byte[VA_LIST_SIZE];
                c.copyOut(ap, va, VA_LIST_SIZE);
                apCopy = NativeMemory.allocate(c, VA_LIST_SIZE);
                c.copyIn(va, apCopy);
            }
            int needed = (int) c.call(VSNPRINTF, buf, FIRST_BUFFER, format, ap);
            if (needed < 0) {
                return "";
            }
            if (needed < FIRST_BUFFER || apCopy == 0) {
                return NativeMemory.string(c, buf, Math.min(needed, FIRST_BUFFER - 1));
            }
            int size = Math.min(needed + 1, MAX_BUFFER);
            long big = NativeMemory.allocate(c, size);
            try {
                int written = (int) c.call(VSNPRINTF, big, size, format, apCopy);
                return written < 0 ? "" : NativeMemory.string(c, big, Math.min(written, size - 1));
            } finally {
                NativeMemory.free(c, big);
            }
        } finally {
            NativeMemory.free(c, buf);
            NativeMemory.free(c, apCopy);
        }
    }
}
