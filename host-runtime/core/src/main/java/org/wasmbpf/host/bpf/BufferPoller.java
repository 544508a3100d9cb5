package org.wasmbpf.host.bpf;

import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;
import org.wasmbpf.host.libbpf.BufferConsumer;
import org.wasmbpf.host.libbpf.Errno;
import org.wasmbpf.host.libbpf.SampleSink;
import org.wasmbpf.host.spi.SampleBatch;
import org.wasmbpf.host.spi.SampleDelivery;

/**
 * One buffer map's consumer, and the samples it took from the ring but has not delivered yet.
 * A poll copies every sample libbpf hands over into a reused {@link SampleBatch} (so libbpf may
 * advance the ring), then hands the whole batch to the guest in one {@link SampleBatchSink}
 * call, where an engine with costly guest calls crosses once, not once per sample. Samples left
 * over when a callback stops the poll stay queued here and go first on the next poll.
 *
 * <p>A batch is capped ({@link #MAX_SAMPLES}, {@link #MAX_BYTES}) so a fast producer cannot grow
 * it without end; a full batch is delivered and the ring read again at once, so a poll still
 * delivers every sample available. Used by the guest's thread only.
 */
final class BufferPoller {
    static final int MAX_SAMPLES = 4096;
    static final int MAX_BYTES = 1 << 20;

    private final BufferConsumer consumer;
    /** The consumer's count of lost samples as last reported to the guest's stats. */
    private long lostReported;
    private final BooleanSupplier stopping;
    private final SampleBatch pending = new SampleBatch();
    private final SampleSink collector = this::collect;
    private boolean full;
    private boolean polling;

    BufferPoller(BufferConsumer consumer, BooleanSupplier stopping) {
        this.consumer = consumer;
        this.stopping = stopping;
    }

    /**
     * Delivers the queued samples and those that arrive within {@code timeoutMs} (0 when some are
     * queued), in batches to {@code sink}. When {@code direct} is given, nothing is queued and the
     * consumer reads the buffer in Java, the samples go to {@code direct} as they are read
     * instead: no copy to stage them, no batch bookkeeping.
     *
     * @return samples delivered; the first non-zero callback result (whatever its sign); or a
     *     negative errno ({@code -EBUSY} when called from one of this buffer's own callbacks,
     *     {@code -EBADF} once the consumer is closed), never {@code -EINTR} of its own
     */
    int poll(int timeoutMs, SampleBatchSink sink, SampleSink direct) {
        if (polling) {
            return -Errno.EBUSY;
        }
        polling = true;
        try {
            if (direct != null && pending.isEmpty() && consumer.callsSinkFromJava()) {
                int polled = consumer.poll(timeoutMs, direct);
                return polled == -Errno.EINTR ? 0 : polled;
            }
            int delivered = 0;
            int timeout = pending.isEmpty() ? timeoutMs : 0;
            while (true) {
                full = isFull();
                int polled = full ? 0 : consumer.poll(timeout, collector);
                if (polled == -Errno.EINTR) {
                    polled = 0; // a signal woke epoll; a stop request is the caller's to check
                }
                if (pending.isEmpty()) {
                    return delivered > 0 || polled >= 0 ? delivered : polled;
                }
                SampleDelivery d = deliverPending(sink);
                delivered += d.delivered();
                if (d.result() != 0) {
                    return d.result();
                }
                if (!full || polled < 0 || stopping.getAsBoolean()) {
                    return delivered;
                }
                timeout = 0;
            }
        } finally {
            polling = false;
        }
    }

    private SampleDelivery deliverPending(SampleBatchSink sink) {
        int staged = pending.count();
        SampleDelivery d;
        try {
            d = sink.deliver(pending);
        } catch (RuntimeException | Error e) {
            pending.clear(); // the guest failed inside a callback: it will not poll again
            throw e;
        }
        boolean consistent = d.delivered() >= 0 && d.delivered() <= staged
                && (d.result() != 0 ? d.delivered() > 0 : d.delivered() == staged);
        if (!consistent) {
            pending.clear();
            throw new IllegalStateException("engine reported " + d + " for a batch of " + staged + " samples");
        }
        pending.removeFirst(d.delivered());
        return d;
    }

    /**
     * Samples the kernel lost since the last call (perf buffers count them; a full ring buffer
     * refuses the BPF program's reservation instead, which only the program sees).
     */
    long newlyLost() {
        long lost = consumer.lostSamples();
        long delta = lost - lostReported;
        lostReported = lost;
        return delta;
    }

    /** Called by libbpf (through the consumer) for each sample: copies it out of the ring. */
    private int collect(ByteBuffer sample) {
        pending.add(sample);
        if (isFull()) {
            full = true;
            return 1; // stops libbpf; the rest stay in the ring (or the perf consumer's backlog)
        }
        return 0;
    }

    private boolean isFull() {
        return pending.count() >= MAX_SAMPLES || pending.byteCount() >= MAX_BYTES;
    }
}
