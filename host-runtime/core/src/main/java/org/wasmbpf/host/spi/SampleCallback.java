package org.wasmbpf.host.spi;

/**
 * The guest function a buffer poll calls for each sample, {@code (i32 ctx, i32 data, i32 size) -> i32}:
 * an entry of the exported {@code __indirect_function_table} (C, Rust) or an exported function
 * (TinyGo's {@code go-callback}).
 */
public sealed interface SampleCallback {

    /** Entry {@code index} of {@code __indirect_function_table}. */
    record TableEntry(int index) implements SampleCallback {}

    /** The exported function {@code name}. */
    record Export(String name) implements SampleCallback {}

    static SampleCallback table(int index) {
        return new TableEntry(index);
    }

    static SampleCallback export(String name) {
        return new Export(name);
    }
}
