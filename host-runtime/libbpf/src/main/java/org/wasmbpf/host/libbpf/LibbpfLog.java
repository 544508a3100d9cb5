package org.wasmbpf.host.libbpf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Captures libbpf's log. libbpf logs on the thread that calls it, so each thread keeps its own
 * last lines; an operation clears them first and attaches them to its BpfException on failure.
 * The print callback ({@link LibbpfPrinter}) is installed with the binding, before libbpf's
 * first call, so a failing call is made once and its log captured as it happens.
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
