package org.wasmbpf.host.bpf;

import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;
import org.wasmbpf.host.GuestStats;
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
    private final GuestStats stats;
    private SampleBatch pending = new SampleBatch();
    /** Where a stop's undelivered as-read samples are put before the queue; swapped with it. */
    private SampleBatch requeued = new SampleBatch(64, 4);
    private final SampleSink collector = this::collect;
    private boolean full;
    private boolean polling;

    // The slice staged for the guest's own delivery (InGuestDelivery) and not yet settled, and
    // the state of the poll it belongs to, which goes on across the guest's report calls.
    private SampleStager.Staged staged;
    private SampleStager stagedBy;
    private SampleStager.AsRead stagedAsRead;
    private long stagedAt;
    private int stagedPollDelivered;
    private int stagedPollResult;
    /** The first pending samples, counted for the stats when staged as a poll's last slice and not settled yet. */
    private int countedAhead;

    BufferPoller(BufferConsumer consumer, BooleanSupplier stopping, GuestStats stats) {
        this.consumer = consumer;
        this.stopping = stopping;
        this.stats = stats;
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
        int refused = refusal();
        if (refused != 0) {
            return refused;
        }
        polling = true;
        try {
            if (direct != null && pending.isEmpty() && consumer.callsSinkFromJava()) {
                return signalAsNothing(consumer.poll(timeoutMs, direct));
            }
            int delivered = 0;
            int timeout = pending.isEmpty() ? timeoutMs : 0;
            while (true) {
                full = isFull();
                int polled = signalAsNothing(full ? 0 : consumer.poll(timeout, collector));
                if (pending.isEmpty()) {
                    return nothingMore(delivered, polled);
                }
                SampleDelivery d = deliverPending(sink);
                delivered += d.delivered();
                if (d.result() != 0) {
                    return d.result();
                }
                if (ends(polled)) {
                    return delivered;
                }
                timeout = 0;
            }
        } finally {
            polling = false;
        }
    }

    /**
     * As {@link #poll}, but the samples are staged in guest memory by {@code stager} for the
     * guest to deliver, and the poll returns at once with the staged code; the guest reports back
     * through {@link #reportStaged} unless the slice was the poll's last.
     *
     * @return a staged code, or what {@link #poll} returns
     */
    int pollStaged(int timeoutMs, SampleStager stager) {
        int refused = refusal();
        if (refused != 0) {
            return refused;
        }
        stagedPollDelivered = 0;
        return readAndStage(pending.isEmpty() ? timeoutMs : 0, stager);
    }

    /**
     * The guest delivered the staged slice: {@code result} is the callback result that ended it.
     *
     * @return the next staged code, {@code result} when it is not 0, the poll's final result,
     *     or -EINVAL when nothing was staged or the guest's count is impossible
     */
    int reportStaged(int result, SampleStager stager) {
        SampleStager.Staged s = staged;
        if (s == null || polling) {
            return -Errno.EINVAL;
        }
        int ran = s.header() < 0 ? 1 : stagedBy.ran(s.header(), -1);
        if (ran < 1 || ran > s.count() || (result == 0 && ran != s.count())) {
            return -Errno.EINVAL;
        }
        settle(ran);
        stagedPollDelivered += ran;
        if (result != 0) {
            return result;
        }
        if (!pending.isEmpty()) {
            return stageNext(stager);
        }
        return ends(stagedPollResult) ? stagedPollDelivered : readAndStage(0, stager);
    }

    private int readAndStage(int timeout, SampleStager stager) {
        full = isFull();
        // Nothing queued and a buffer read in Java: the samples go straight into guest memory.
        SampleStager.AsRead asRead = !full && pending.isEmpty() && consumer.callsSinkFromJava()
                ? stager.asRead(pending, MAX_SAMPLES, consumer.samplesStayUntilRelease()) : null;
        stagedPollResult = signalAsNothing(full ? 0 : consumer.poll(timeout, asRead != null ? asRead : collector));
        if (asRead != null) {
            full = asRead.cutShort();
            if (asRead.count() > 0) {
                boolean last = ends(stagedPollResult) && pending.isEmpty();
                return track(asRead.finish(last ? stagedPollDelivered + asRead.count() : -1), stager, asRead);
            }
        }
        if (pending.isEmpty()) {
            return nothingMore(stagedPollDelivered, stagedPollResult);
        }
        return stageNext(stager);
    }

    private int stageNext(SampleStager stager) {
        boolean mayEnd = ends(stagedPollResult);
        SampleStager.Staged s = stager.stage(pending, mayEnd ? stagedPollDelivered + pending.count() : -1);
        if (s.last() && s.count() != pending.count()) {
            throw new IllegalStateException("staged " + s + " as last of " + pending.count() + " samples");
        }
        return track(s, stager, null);
    }

    /** Keeps {@code s} until it is settled; {@code asRead} when its samples are not in {@link #pending}. */
    private int track(SampleStager.Staged s, SampleStager stager, SampleStager.AsRead asRead) {
        staged = s;
        stagedBy = stager;
        stagedAsRead = asRead;
        stagedAt = System.nanoTime();
        if (s.last()) {
            // Delivered by the guest after the poll returns, unseen by the host: counted now, once
            // (a stop may leave some pending, already counted, for the next poll).
            if (s.count() > countedAhead) {
                stats.delivered(s.count() - countedAhead, 0);
                countedAhead = s.count();
            }
        }
        return s.code();
    }

    /**
     * Settles a last slice the guest delivered without reporting back, when the buffer is polled
     * again. Its header says whether the delivery is over; if not, this poll comes from one of
     * the slice's own callbacks.
     */
    private int settleUnreported() {
        SampleStager.Staged s = staged;
        if (s == null) {
            return 0;
        }
        if (stagedBy.ran(s.header(), -1) < 0) {
            return -Errno.EBUSY;
        }
        settle(s.count());
        return 0;
    }

    private void settle(int n) {
        if (stagedAsRead == null) {
            pending.removeFirst(n);
        } else if (n < staged.count()) {
            // A stop: the rest were read from the kernel's buffer straight into guest memory, and
            // go back to the front of the queue, before any sample that did not fit beside them.
            requeued.clear();
            stagedAsRead.readBack(n, requeued);
            requeued.addAll(pending);
            SampleBatch swap = pending;
            pending = requeued;
            requeued = swap;
        }
        staged = null;
        stagedBy = null;
        stagedAsRead = null;
        count(n, System.nanoTime() - stagedAt);
    }

    /** Counts {@code n} delivered samples for the stats, but not those already counted when staged. */
    private void count(int n, long nanos) {
        int seen = Math.min(n, countedAhead);
        countedAhead -= seen;
        if (n > seen) {
            stats.delivered(n - seen, nanos);
        }
    }

    /** -EBUSY from inside a callback of this buffer, whichever way it is being delivered; else 0. */
    private int refusal() {
        return polling ? -Errno.EBUSY : settleUnreported();
    }

    /** A signal woke epoll: nothing came, and a stop request is the caller's to check. */
    private static int signalAsNothing(int polled) {
        return polled == -Errno.EINTR ? 0 : polled;
    }

    /** The result of a poll whose queue is empty: what it delivered, or the consumer's error if nothing. */
    private static int nothingMore(int delivered, int polled) {
        return delivered > 0 || polled >= 0 ? delivered : polled;
    }

    /** Whether a poll is over once its queue is delivered: the read was not cut short, failed, or the run stops. */
    private boolean ends(int polled) {
        return !full || polled < 0 || stopping.getAsBoolean();
    }

    private SampleDelivery deliverPending(SampleBatchSink sink) {
        int staged = pending.count();
        long started = System.nanoTime();
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
        count(d.delivered(), System.nanoTime() - started);
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
