package org.wasmbpf.host.spi;

/** One instantiated guest module. Not thread-safe except for {@link #interrupt()}. */
public interface GuestInstance extends AutoCloseable {

    GuestMemory memory();

    boolean hasExport(String name);

    /** Calls an exported function; results as raw Wasm values. */
    long[] callExport(String name, long... args);

    /**
     * Calls entry {@code index} of the exported {@code __indirect_function_table} with the
     * wasm-bpf sample callback signature {@code (i32 ctx, i32 data, i32 size) -> i32}.
     */
    int callSampleCallback(int index, int ctx, int data, int size);

    /**
     * Runs {@code _start} and returns the exit code: the {@code proc_exit} code, or 0 when
     * {@code _start} returns.
     */
    int runStart();

    /**
     * From any thread: asks the guest to finish on its own, the WASI counterpart of the BPF
     * polls' -EINTR. A WASI wait ({@code poll_oneoff}, i.e. {@code sleep()}) in progress or started
     * later returns at once with {@code EINTR}, so a guest that sleeps between reports wakes up,
     * reports and exits. The guest keeps running; {@link #interrupt()} is the hard stop.
     */
    default void requestStop() {}

    /** From any thread: makes the guest stop at its next safe point with a {@link GuestInterruptedException}. */
    void interrupt();

    @Override
    void close();
}
