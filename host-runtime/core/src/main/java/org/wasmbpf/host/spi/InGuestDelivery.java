package org.wasmbpf.host.spi;

/**
 * The protocol by which a guest delivers a poll's samples to its own callback, so that an engine
 * whose calls into the guest are costly (Wasmtime through wasmtime-java: ~10 us of JNI glue per
 * call) crosses once per wake, not twice. The Wasmtime backend's rewriter sends the guest's calls
 * of a buffer-poll import to a wrapper function it adds; the wrapper calls the import with flags in
 * the top bits of {@code max_size} (only when the real {@code max_size} is below
 * {@link #MAX_SIZE_LIMIT}, so the flags never meet a real size; a negative one it answers itself
 * with -EFAULT), and the host, for a guest that {@link GuestInstance#deliversStagedSamples
 * declares such a wrapper} only, then stages the
 * samples in the guest's {@code data} buffer ({@link StagedSampleLayout}) and returns, instead of
 * calling the guest:
 *
 * <ul>
 *   <li>{@link #STAGE}: poll as usual (the last argument is {@code timeout_ms});
 *   <li>{@link #STAGE} | {@link #REPORT}: the wrapper delivered the staged samples and asks for
 *       more; the last argument is the callback result that ended the delivery (0 when all ran),
 *       and the header's {@link #RAN} word says how many ran.
 * </ul>
 *
 * Either returns a result the wrapper returns as the poll's ({@code >= }{@link #RESULT_MIN}: a
 * sample count or a negative errno), or a staged delivery: {@link #SAMPLE_BASE}{@code + size},
 * one sample at {@code data} that the wrapper hands to the callback and then always reports; or
 * {@link #BATCH_BASE}{@code + offset}, a batch whose {@link StagedSampleLayout header} is at
 * {@code data + offset}. When its {@link #FINAL} word is {@code >= 0} and every callback returns
 * 0, the wrapper returns that word as the poll's result without reporting: the host settles the
 * batch at the next call for that buffer, when the header's {@link #RAN} word, {@link #NOT_DONE}
 * as staged, holds the count the delivery loop stores as it ends; while it is still
 * {@link #NOT_DONE}, a poll of that buffer comes from one of the batch's own callbacks, and is
 * -EBUSY as with the plain import. A callback's non-zero result is always
 * reported and then returned by the wrapper, as the plain import would.
 */
public final class InGuestDelivery {
    public static final int STAGE = 0x8000_0000;
    public static final int REPORT = 0x4000_0000;
    public static final int FLAGS = STAGE | REPORT;
    /** {@code max_size} must be below this (and not negative) for the flags to be used. */
    public static final int MAX_SIZE_LIMIT = 1 << 29;
    /** Results at or above this are the poll's own; staged deliveries are encoded below it. */
    public static final int RESULT_MIN = -(1 << 30);
    public static final int SAMPLE_BASE = Integer.MIN_VALUE;
    public static final int BATCH_BASE = Integer.MIN_VALUE + MAX_SIZE_LIMIT;

    /** Header words, at the batch's offset: the count the wrapper ran, the count staged, the final result or -1. */
    public static final int RAN = 0;
    public static final int COUNT = 4;
    public static final int FINAL = 8;
    public static final int HEADER = 16;
    /** The {@link #RAN} word as staged, until the guest's delivery loop ends. */
    public static final int NOT_DONE = Integer.MIN_VALUE;
    /** A record {@code {src i32, size i32}} per sample follows the header. */
    public static final int RECORD = 8;

    private InGuestDelivery() {}

    /** @return whether {@code maxSize} as the import got it carries the protocol's flags */
    public static boolean flagged(int maxSize) {
        return (maxSize & STAGE) != 0;
    }
}
