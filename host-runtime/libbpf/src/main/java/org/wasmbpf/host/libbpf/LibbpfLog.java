package org.wasmbpf.host.libbpf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Captures libbpf's log. libbpf logs on the thread that calls it, so each thread keeps its own
 * last lines; an operation clears them first and attaches them to its BpfException on failure.
 * Capture starts with the first failure ({@link #retryForLog}) or listener.
 * libbpf hands the binding's print callback a printf format and a va_list, which the binding
 * expands with libc's vsnprintf (the va_list arrives as a pointer it passes straight back) and
 * hands here, but only for the levels {@link #wants} so that debug lines cost nothing.
 */
public final class LibbpfLog {
    /** Lines kept per thread: enough for the end of a verifier log. */
    public static final int KEPT_LINES = 40;

    static final int LIBBPF_DEBUG = 2;

    private static final ThreadLocal<ArrayDeque<String>> LINES = ThreadLocal.withInitial(ArrayDeque::new);
    private static volatile Consumer<String> listener;
    private static volatile boolean debug;

    private LibbpfLog() {}

    /** Also passes every captured line (and, if {@code debug}, libbpf's debug lines) to {@code sink}; null to stop. */
    public static void setListener(Consumer<String> sink, boolean includeDebug) {
        listener = sink;
        debug = includeDebug;
        if (sink != null) {
            Native.startLogCapture();
        }
    }

    /**
     * After a libbpf call failed: true if the log was not being captured and now is (its lines
     * cleared), so that the caller makes the call again to have the log of its failure.
     */
    static boolean retryForLog() {
        if (!Native.startLogCapture()) {
            return false;
        }
        clear();
        return true;
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

    /** Whether a line of this libbpf level is wanted (debug lines only when a listener asked for them). */
    static boolean wants(int level) {
        return level < LIBBPF_DEBUG || debug;
    }

    /** One call of libbpf's print callback, already formatted. */
    static void print(int level, String text) {
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
    }
}
