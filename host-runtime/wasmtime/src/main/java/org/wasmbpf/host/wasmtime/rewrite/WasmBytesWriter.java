package org.wasmbpf.host.wasmtime.rewrite;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Appends Wasm binary encodings: bytes, unsigned and signed LEB128, names. */
final class WasmBytesWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    WasmBytesWriter u8(int b) {
        out.write(b);
        return this;
    }

    WasmBytesWriter u32(int value) {
        long v = value & 0xffffffffL;
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return this;
    }

    WasmBytesWriter s32(int value) {
        long v = value;
        while (true) {
            int b = (int) (v & 0x7f);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return this;
            }
        }
    }

    WasmBytesWriter bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    WasmBytesWriter bytes(byte[] b, int off, int len) {
        out.write(b, off, len);
        return this;
    }

    WasmBytesWriter name(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return u32(utf8.length).bytes(utf8);
    }

    /** Writes {@code content} prefixed with its length, as sections and function bodies are. */
    WasmBytesWriter sized(byte[] content) {
        return u32(content.length).bytes(content);
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
