package org.wasmbpf.host;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Bytes in, lines out: each complete UTF-8 line written is handed to a consumer without its
 * newline (or carriage return before it); a last line without newline is handed over on close.
 */
public final class LineOutputStream extends OutputStream {
    private final Consumer<String> lines;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();

    public LineOutputStream(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else {
            current.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                current.write(b, start, i - start);
                emit();
                start = i + 1;
            }
        }
        current.write(b, start, off + len - start);
    }

    @Override
    public synchronized void close() {
        if (current.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String line = current.toString(StandardCharsets.UTF_8);
        current.reset();
        lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
}
