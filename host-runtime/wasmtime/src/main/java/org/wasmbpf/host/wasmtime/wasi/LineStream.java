package org.wasmbpf.host.wasmtime.wasi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Passes guest output on a line at a time, each line flushed as soon as it is complete. */
final class LineStream {
    private final OutputStream out;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    LineStream(OutputStream out) {
        this.out = out;
    }

    synchronized void write(byte[] data) {
        try {
            int lineStart = 0;
            for (int i = 0; i < data.length; i++) {
                if (data[i] == '\n') {
                    partial.write(data, lineStart, i + 1 - lineStart);
                    partial.writeTo(out);
                    out.flush();
                    partial.reset();
                    lineStart = i + 1;
                }
            }
            partial.write(data, lineStart, data.length - lineStart);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void flushPartial() {
        try {
            if (partial.size() > 0) {
                partial.writeTo(out);
                partial.reset();
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
