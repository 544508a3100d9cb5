package org.wasmbpf.host.chicory;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Flushes after every write. The guest's libc already buffers (line by line, since the streams
 * are reported as terminals); a second buffer here would hold lines back when the host's stdout
 * is a pipe, so {@code wasm-bpf run x.wasm | grep y} would not stream.
 */
final class FlushingOutputStream extends FilterOutputStream {
    FlushingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        out.flush();
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        out.flush();
    }
}
