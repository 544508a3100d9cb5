package org.wasmbpf.host;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one guest did with its samples, for an embedder's metrics ({@code wasm-bpf serve}'s
 * {@code /metrics}). Written on the guest's thread at each delivery, read from any thread; the
 * writes allocate nothing, so the sample path stays as it was.
 */
public final class GuestStats {
    private static final long WASM_PAGE_BYTES = 65536;

    private final LongAdder samplesDelivered = new LongAdder();
    private final LongAdder callbackNanos = new LongAdder();
    private final LongAdder samplesLost = new LongAdder();
    // Read from another thread than the guest's: the engines' memories are not thread-safe, so
    // the guest's thread records the size where it already reads it.
    private volatile long memoryBytes;

    /** A delivery of {@code samples} samples to the guest's callback that took {@code nanos}. */
    public void delivered(int samples, long nanos) {
        samplesDelivered.add(samples);
        callbackNanos.add(nanos);
    }

    /** {@code samples} more that the kernel could not hand over (a full perf buffer). */
    public void lost(long samples) {
        if (samples > 0) {
            samplesLost.add(samples);
        }
    }

    /**
     * Samples the kernel dropped because a perf buffer of the guest's was full, as libbpf counts
     * them. A full ring buffer refuses the BPF program's reservation instead: only the program
     * can count those (as the bench's evbench.bpf.c does in a map).
     */
    public long samplesLost() {
        return samplesLost.sum();
    }

    /** The guest's memory size as last seen on its thread. */
    public void memorySize(long bytes) {
        memoryBytes = bytes;
    }

    /** Samples handed to the guest's callbacks so far. */
    public long samplesDelivered() {
        return samplesDelivered.sum();
    }

    /** Time spent in the guest's sample callbacks (with the copying into its memory). */
    public long callbackNanos() {
        return callbackNanos.sum();
    }

    /** 64 KiB pages of the guest's memory, as of its start or its latest buffer poll. */
    public long memoryPages() {
        return memoryBytes / WASM_PAGE_BYTES;
    }
}
