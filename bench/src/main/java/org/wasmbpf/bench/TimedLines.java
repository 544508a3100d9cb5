package org.wasmbpf.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A guest's stdout or stderr inside the bench's JVM: notes when the first line starting with each
 * watched prefix was complete, and opens a latch on one of them.
 */
final class TimedLines extends OutputStream {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    private final String[] prefixes;
    private final String latchPrefix;
    private final CountDownLatch latch = new CountDownLatch(1);

    TimedLines(String latchPrefix, String... prefixes) {
        this.latchPrefix = latchPrefix;
        this.prefixes = prefixes;
    }

    @Override
    public synchronized void write(int b) {
        if (b != '\n') {
            line.write(b);
            return;
        }
        long now = System.nanoTime();
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        for (String p : prefixes) {
            if (text.startsWith(p)) {
                firstSeen.putIfAbsent(p, now);
            }
        }
        if (latchPrefix != null && text.startsWith(latchPrefix)) {
            latch.countDown();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    Long seen(String prefix) {
        return firstSeen.get(prefix);
    }

    CountDownLatch latch() {
        return latch;
    }
}
