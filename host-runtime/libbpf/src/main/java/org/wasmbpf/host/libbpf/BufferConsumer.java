package org.wasmbpf.host.libbpf;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A consumer of one ring buffer or perf event array map. Samples go to the {@link SampleSink}
 * given to {@link #poll}, on the polling thread.
 *
 * <p>No sample is lost when the sink stops a poll: the consumer stops at once, and the samples
 * after the stopping one stay in the kernel's buffer for the next poll. A sink that throws stops
 * the poll the same way, and {@link #poll} rethrows once the buffer is left consistent (never
 * through native frames).
 *
 * <p>Thread-safe: {@link #close} from another thread waits for a running poll; close from
 * inside the sink (same thread) is deferred until the poll returns.
 */
public abstract sealed class BufferConsumer implements AutoCloseable
        permits MappedBufferConsumer, LibbpfRingBufferConsumer {
    /** What the native callback tells libbpf once the sink stopped (ring buffers stop on < 0): -ECANCELED. */
    static final int STOP = -Errno.ECANCELED;

    private static final long CLOSE_WAIT_MS = 2000;
    /**
     * While samples stream in, a poll that finds the buffer empty lets them gather this long
     * before it reads again, instead of sleeping in epoll: the kernel wakes an epoll waiter for
     * the first sample after each drain, and at a high rate that wake-up per handful of samples
     * is most of a consumer's CPU. A new stream's first sample still wakes the consumer at once.
     * {@link #gatherFor} changes it per consumer (0: woken per sample, for the lowest latency).
     */
    public static final long DEFAULT_GATHER_NANOS = 1_000_000;
    /** No gathering after a poll that took more than this fraction of the buffer: it could overflow. */
    private static final long COALESCE_FILL_LIMIT = 8;

    private final ReentrantLock lock = new ReentrantLock();
    private final int mapFd;
    private volatile long gatherNanos = DEFAULT_GATHER_NANOS;
    private volatile boolean closed;
    private volatile boolean freePending;
    private boolean freed;
    // Per-poll state, guarded by lock.
    private SampleSink sink;
    private int delivered;
    private long deliveredBytes;
    /** The last poll delivered samples, few enough that gathering more is safe. */
    private boolean streaming;
    private int stopResult;
    private Throwable failure;

    BufferConsumer(int mapFd) {
        this.mapFd = mapFd;
    }

    public final int mapFd() {
        return mapFd;
    }

    /**
     * How long a poll lets streaming samples gather before it reads again ({@link
     * #DEFAULT_GATHER_NANOS}); 0 turns gathering off: each poll waits in epoll, woken by the
     * kernel for the first new sample, as a native libbpf consumer is. Less CPU per sample at a
     * high rate against up to this much more delivery latency.
     */
    public final void gatherFor(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("negative gather time: " + nanos);
        }
        gatherNanos = nanos;
    }

    /**
     * Whether the sink is called from Java code alone, with no native frame below it (libbpf's
     * own consumer calls it from a native callback). Only then may a sink run code that could
     * fail deep in a guest: its failure unwinds through Java frames to {@link #poll}.
     */
    public boolean callsSinkFromJava() {
        return false;
    }

    /** Ring buffer or perf event array, as {@link BpfMapInfo#TYPE_RINGBUF} etc. */
    public abstract int mapType();

    /**
     * Waits up to {@code timeoutMs} (negative: without limit) for samples and passes each
     * available one to {@code sink}.
     *
     * @return the number of samples delivered; or the sink's non-zero result, which stopped the
     *     poll; or a negative errno ({@code -EBADF} once closed, {@code -EBUSY} when called from
     *     this consumer's own sink, {@code -EINTR} when a signal interrupted the wait)
     */
    public final int poll(int timeoutMs, SampleSink sink) {
        if (lock.isHeldByCurrentThread()) {
            return -Errno.EBUSY;
        }
        lock.lock();
        try {
            if (closed) {
                return -Errno.EBADF;
            }
            begin(sink);
            int result = 0;
            if (stopResult == 0 && failure == null) {
                result = delivered > 0 || timeoutMs == 0 ? nativePoll(0) : waitAndPoll(timeoutMs);
            }
            streaming = delivered > 0 && deliveredBytes < capacityBytes() / COALESCE_FILL_LIMIT;
            if (failure != null) {
                rethrow(failure);
            }
            if (stopResult != 0) {
                return stopResult;
            }
            return result < 0 ? result : delivered;
        } finally {
            this.sink = null;
            this.failure = null;
            lock.unlock();
            freeIfPending();
        }
    }

    /** Samples the kernel dropped because the buffer was full (perf buffers only count them). */
    public long lostSamples() {
        return 0;
    }

    /** Frees the consumer; waits up to 2 s for a poll running on another thread. Idempotent. */
    @Override
    public final void close() {
        closed = true;
        freePending = true;
        if (lock.isHeldByCurrentThread()) {
            return; // inside our own sink: the poll frees on its way out
        }
        try {
            if (lock.tryLock(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        freeIfPending();
    }

    /**
     * Waits up to {@code timeoutMs} (negative: without limit; 0: not at all) for samples and
     * passes the available ones to {@link #deliverSample}; returns their number or a negative errno.
     */
    abstract int nativePoll(int timeoutMs);

    /** Bytes the kernel can hold for this consumer before it drops (per CPU for a perf buffer). */
    abstract long capacityBytes();

    private int waitAndPoll(int timeoutMs) {
        long gatherNanos = this.gatherNanos;
        if (streaming && gatherNanos > 0) {
            long start = System.nanoTime();
            long gather = timeoutMs < 0 ? gatherNanos : Math.min(gatherNanos, timeoutMs * 1_000_000L);
            LockSupport.parkNanos(gather);
            int result = nativePoll(0);
            if (result != 0 || delivered > 0 || stopResult != 0 || failure != null) {
                return result;
            }
            if (timeoutMs >= 0) {
                timeoutMs = (int) Math.max(0, timeoutMs - (System.nanoTime() - start) / 1_000_000);
                if (timeoutMs == 0) {
                    return 0;
                }
            }
        }
        return nativePoll(timeoutMs);
    }

    abstract void free();

    /**
     * Whether a sample passed to the sink stays valid and unchanged, at the same position of the
     * same buffer object, until {@link SampleSink#beforeRelease} (true where the sample is the
     * kernel's own bytes, which it keeps until they are released); otherwise only during
     * {@link SampleSink#accept}.
     */
    public boolean samplesStayUntilRelease() {
        return false;
    }

    /** Tells the sink that consumed bytes go back to the kernel; a failure ends the poll as a sink's would. */
    final void beforeRelease() {
        try {
            sink.beforeRelease();
        } catch (Throwable t) {
            if (failure == null) {
                failure = t;
            }
        }
    }

    /**
     * Passes one sample to the sink, for the consumers that read samples themselves and for
     * libbpf's sample callback (which libbpf never calls again after {@link #STOP}); returns 0 to
     * go on or {@link #STOP}.
     */
    final int deliverSample(ByteBuffer sample) {
        try {
            deliveredBytes += sample.remaining();
            int r = sink.accept(sample);
            delivered++;
            if (r != 0) {
                stopResult = r;
                return STOP;
            }
            return 0;
        } catch (Throwable t) {
            delivered++;
            failure = t;
            return STOP;
        }
    }

    private void begin(SampleSink s) {
        this.sink = s;
        this.delivered = 0;
        this.deliveredBytes = 0;
        this.stopResult = 0;
        this.failure = null;
    }

    private void freeIfPending() {
        if (freePending && lock.tryLock()) {
            try {
                if (!freed) {
                    freed = true;
                    free();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(t);
    }
}
