package org.wasmbpf.host.wasm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Appends Wasm binary encodings: bytes, unsigned and signed LEB128, names, sections. */
public final class WasmWriter {
    private final ByteArrayOutputStream out;

    public WasmWriter() {
        this(32);
    }

    /** @param capacity the expected size, so that copying a module does not regrow the buffer */
    public WasmWriter(int capacity) {
        out = new ByteArrayOutputStream(capacity);
    }

    public WasmWriter u8(int b) {
        out.write(b);
        return this;
    }

    /** {@code value} as unsigned: -1 is 0xffffffff. */
    public WasmWriter u32(int value) {
        long v = value & 0xffffffffL;
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return this;
    }

    public WasmWriter s32(int value) {
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

    public WasmWriter bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    public WasmWriter bytes(byte[] b, int off, int len) {
        out.write(b, off, len);
        return this;
    }

    public WasmWriter name(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return u32(utf8.length).bytes(utf8);
    }

    /** Writes {@code content} prefixed with its length, as sections and function bodies are. */
    public WasmWriter sized(byte[] content) {
        return u32(content.length).bytes(content);
    }

    public WasmWriter section(int id, byte[] payload) {
        return u8(id).sized(payload);
    }

    /** Copies {@code section} of {@code module} as it is. */
    public WasmWriter section(byte[] module, Section section) {
        return bytes(module, section.start(), section.end() - section.start());
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
