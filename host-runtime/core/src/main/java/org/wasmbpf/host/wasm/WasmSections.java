package org.wasmbpf.host.wasm;

/**
 * The sections of a module, one at a time: each is checked only when reached, so that a caller
 * that stops at the section it wants (as the memory limit does) decides nothing about what follows.
 * Payloads are not decoded, function bodies not even looked at: this runs on every start.
 */
public final class WasmSections {
    public static final int HEADER_SIZE = 8;
    public static final int MAGIC_SIZE = 4;
    public static final int VERSION = 1;
    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};

    private final byte[] module;
    private final WasmReader reader;

    private WasmSections(byte[] module) {
        this.module = module;
        this.reader = new WasmReader(module, HEADER_SIZE, module.length);
    }

    /** @throws WasmFormatException when the module does not start with the Wasm 1.0 header */
    public static WasmSections of(byte[] module) {
        if (module.length < HEADER_SIZE || magicPrefix(module) < MAGIC_SIZE || version(module) != VERSION) {
            throw new WasmFormatException("not a Wasm 1.0 binary (bad magic or version)");
        }
        return new WasmSections(module);
    }

    /** How many of the first bytes are the magic number's ({@value #MAGIC_SIZE} when all are). */
    public static int magicPrefix(byte[] module) {
        int n = 0;
        while (n < MAGIC_SIZE && n < module.length && module[n] == MAGIC[n]) {
            n++;
        }
        return n;
    }

    /** The version field of a module of at least {@value #HEADER_SIZE} bytes. */
    public static int version(byte[] module) {
        return (module[4] & 0xff) | (module[5] & 0xff) << 8 | (module[6] & 0xff) << 16 | (module[7] & 0xff) << 24;
    }

    public boolean hasNext() {
        return !reader.atEnd();
    }

    /** @throws WasmFormatException when the section's size is incomplete, too long, or runs past the module */
    public Section next() {
        int start = reader.pos();
        int id = reader.u8();
        long size = size(start, id);
        if (size > reader.remaining()) {
            throw WasmFormatException.truncated("section " + id + " at offset " + start + " needs " + size
                    + " bytes but the file ends at " + module.length);
        }
        int payloadStart = reader.pos();
        reader.skip((int) size);
        return new Section(id, start, payloadStart, reader.pos());
    }

    private long size(int start, int id) {
        try {
            return reader.uleb();
        } catch (WasmFormatException e) {
            if (e.truncated()) {
                throw WasmFormatException.truncated("section " + id + " at offset " + start
                        + " has no complete size but the file ends at " + module.length);
            }
            throw new WasmFormatException("bad size of section " + id + " at offset " + start);
        }
    }
}
