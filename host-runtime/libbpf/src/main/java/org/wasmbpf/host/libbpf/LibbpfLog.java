package org.wasmbpf.host.libbpf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * Captures libbpf's log. libbpf logs on the thread that calls it, so each thread keeps its own
 * last lines; an operation clears them first and attaches them to its BpfException on failure.
 * libbpf hands us a printf format and a va_list, which jnr-ffi cannot expand; libc's vsnprintf
 * can, since the va_list arrives as a pointer we pass straight back.
 */
public final class LibbpfLog {
    /** Lines kept per thread: enough for the end of a verifier log. */
    public static final int KEPT_LINES = 40;

    private static final int LIBBPF_DEBUG = 2;
    private static final int FIRST_BUFFER = 8192;
    private static final int MAX_BUFFER = 16 << 20;

    private static final ThreadLocal<ArrayDeque<String>> LINES = ThreadLocal.withInitial(ArrayDeque::new);
    private static final ThreadLocal<Pointer> SCRATCH = new ThreadLocal<>();
    private static volatile Consumer<String> listener;
    private static volatile boolean debug;
    // Kept reachable for as long as libbpf may call it.
    private static LibbpfNative.PrintFn printFn;
    private static LibcNative libc;
    private static Runtime runtime;
    private static int vaListSize;

    private LibbpfLog() {}

    static synchronized void install(LibbpfNative bpf, LibcNative c) {
        libc = c;
        runtime = Runtime.getRuntime(c);
        vaListSize = vaListSize();
        printFn = LibbpfLog::print;
        bpf.libbpf_set_print(printFn);
    }

    /** Also passes every captured line (and, if {@code debug}, libbpf's debug lines) to {@code sink}; null to stop. */
    public static void setListener(Consumer<String> sink, boolean includeDebug) {
        listener = sink;
        debug = includeDebug;
    }

    /** Forgets this thread's lines: call before an operation whose failure should show its log. */
    public static void clear() {
        LINES.get().clear();
    }

    /** This thread's last lines, oldest first. */
    public static List<String> tail() {
        return new ArrayList<>(LINES.get());
    }

    static void record(String line) {
        ArrayDeque<String> lines = LINES.get();
        if (lines.size() == KEPT_LINES) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    private static int print(int level, Pointer format, Pointer ap) {
        try {
            if (level >= LIBBPF_DEBUG && !debug) {
                return 0;
            }
            String text = format(format, ap);
            Consumer<String> sink = listener;
            for (String line : text.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                if (level < LIBBPF_DEBUG) {
                    record(line);
                }
                if (sink != null) {
                    sink.accept(line);
                }
            }
        } catch (Throwable ignored) {
            // Nothing may propagate into libbpf; a lost log line is the lesser harm.
        }
        return 0;
    }

    private static String format(Pointer format, Pointer ap) {
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

    private static Pointer scratch() {
        Pointer p = SCRATCH.get();
        if (p == null) {
            p = Memory.allocateDirect(runtime, FIRST_BUFFER);
            SCRATCH.set(p);
        }
        return p;
    }

    /** Size of the va_list object the callback's pointer refers to; 0 where unknown (no second pass). */
    private static int vaListSize() {
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
