package org.wasmbpf.host.serve;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's output: the last {@code capacity} lines, each numbered, so that a follower can ask
 * for "everything after line n" and learn when lines it never saw were dropped. Guests write
 * on their own threads; followers wait here for more.
 */
final class LogRing {
    static final int DEFAULT_CAPACITY = 10_000;

    /** Lines from {@code first} on (fewer than asked when older ones were dropped), and whether the log ended. */
    record Slice(long first, List<String> lines, boolean ended) {
        long next() {
            return first + lines.size();
        }
    }

    private final int capacity;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    /** Number of the oldest line kept. */
    private long firstKept;
    private boolean ended;

    LogRing(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
            firstKept++;
        }
        lines.addLast(line);
        notifyAll();
    }

    /** No more lines until {@link #reopen}: followers finish. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    /** A replaced module runs again in an ended run. */
    synchronized void reopen() {
        ended = false;
    }

    synchronized boolean ended() {
        return ended;
    }

    /**
     * The lines numbered {@code from} and later, waiting up to {@code waitMs} for one when there
     * are none yet and the log has not ended.
     */
    synchronized Slice after(long from, long waitMs) throws InterruptedException {
        long deadline = System.nanoTime() + waitMs * 1_000_000;
        while (next() <= from && !ended) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        long start = Math.max(from, firstKept);
        List<String> out = new ArrayList<>((int) Math.max(0, next() - start));
        int skip = (int) (start - firstKept);
        int i = 0;
        for (String line : lines) {
            if (i++ >= skip) {
                out.add(line);
            }
        }
        return new Slice(start, out, ended);
    }

    private long next() {
        return firstKept + lines.size();
    }
}
