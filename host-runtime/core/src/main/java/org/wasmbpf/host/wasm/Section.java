package org.wasmbpf.host.wasm;

/**
 * One section of a module as a byte range of the module, so that a rewrite can copy the
 * sections it does not change verbatim: {@code start} is where its id byte is, its payload lies
 * from {@code payloadStart} to {@code end}.
 */
public record Section(int id, int start, int payloadStart, int end) {
    public static final int CUSTOM = 0;
    public static final int TYPE = 1;
    public static final int IMPORT = 2;
    public static final int FUNCTION = 3;
    public static final int MEMORY = 5;
    public static final int EXPORT = 7;
    public static final int CODE = 10;

    /** A reader of this section's payload in {@code module}, the bytes it was read from. */
    public WasmReader payload(byte[] module) {
        return new WasmReader(module, payloadStart, end);
    }
}
