package org.wasmbpf.host.libbpf;

import java.nio.charset.StandardCharsets;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * libbpf's print callback through jnr-ffi: expands the printf format and va_list with libc's
 * vsnprintf (jnr-ffi cannot expand a va_list) and hands the text to {@link LibbpfLog}.
 */
final class JnrLogPrinter implements LibbpfNative.PrintFn {
    private static final int FIRST_BUFFER = 8192;
    private static final int MAX_BUFFER = 16 << 20;

    private final ThreadLocal<Pointer> scratch = new ThreadLocal<>();
    private final LibcNative libc;
    private final Runtime runtime;
    private final int vaListSize = VaList.size();

    private JnrLogPrinter(LibcNative libc) {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
    }

    /** Installs the printer; the returned instance must stay reachable while libbpf may call it. */
    static JnrLogPrinter install(LibbpfNative bpf, LibcNative libc) {
        JnrLogPrinter printer = new JnrLogPrinter(libc);
        bpf.libbpf_set_print(printer);
        return printer;
    }

    @Override
    public int call(int level, Pointer format, Pointer ap) {
        try {
            if (LibbpfLog.wants(level)) {
                LibbpfLog.print(level, format(format, ap));
            }
        } catch (Throwable ignored) {
            // Nothing may propagate into libbpf; a lost log line is the lesser harm.
        }
        return 0;
    }

    private String format(Pointer format, Pointer ap) {
        Pointer buf = scratch();
        Pointer apCopy = null;
        if (vaListSize > 0) {
            // va_copy by hand: vsnprintf consumes ap, and a long verifier log needs a second pass.
            apCopy = Memory.allocateDirect(runtime, vaListSize);
            apCopy.transferFrom(0, ap, 0, vaListSize);
        }
        int needed = libc.vsnprintf(buf, FIRST_BUFFER, format, ap);
        if (needed < 0) {
            return "";
        }
        if (needed < FIRST_BUFFER || apCopy == null) {
            return buf.getString(0, Math.min(needed, FIRST_BUFFER - 1), StandardCharsets.UTF_8);
        }
        int size = Math.min(needed + 1, MAX_BUFFER);
        Pointer big = Memory.allocateDirect(runtime, size);
        int written = libc.vsnprintf(big, size, format, apCopy);
        return big.getString(0, Math.max(0, Math.min(written, size - 1)), StandardCharsets.UTF_8);
    }

    private Pointer scratch() {
        Pointer p = scratch.get();
        if (p == null) {
            p = Memory.allocateDirect(runtime, FIRST_BUFFER);
            scratch.set(p);
        }
        return p;
    }
}
