package org.wasmbpf.tests.support;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** An OutputStream for a guest's stdout or stderr that a test can wait on line by line. */
public final class LineCollector extends OutputStream {
    private final List<String> lines = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final StringBuilder bytes = new StringBuilder();

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        partial.append(new String(b, off, len, StandardCharsets.UTF_8));
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
            lines.add(partial.substring(0, nl));
            partial.delete(0, nl + 1);
        }
        notifyAll();
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    public synchronized Optional<String> find(Predicate<String> match) {
        return lines.stream().filter(match).findFirst();
    }

    public synchronized String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> hit = find(match);
            if (hit.isPresent()) {
                return hit.get();
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new AssertionError("no matching line within " + timeout + ":\n" + String.join("\n", lines));
            }
            wait(Math.min(left, 100));
        }
    }
}
