package org.wasmbpf.host.libbpf;

import com.kenai.jffi.MemoryIO;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import jnr.ffi.Pointer;

/**
 * A consumer of one ring buffer or perf event array map. Samples go to the {@link SampleSink}
 * given to {@link #poll}, from inside libbpf's callback, on the polling thread.
 *
 * <p>No sample is lost when the sink stops a poll: a ring buffer stops at once; a perf buffer
 * cannot (libbpf drains the whole CPU buffer), so its remaining samples are copied aside and
 * delivered first by the next poll. A sink that throws stops the poll the same way, and
 * {@link #poll} rethrows once libbpf has returned (never through native frames).
 *
 * <p>Thread-safe: {@link #close} from another thread waits for a running poll; close from
 * inside the sink (same thread) is deferred until the poll returns.
 */
public abstract sealed class BufferConsumer implements AutoCloseable
        permits RingBufferConsumer, PerfBufferConsumer {
    /** What the native callback tells libbpf once the sink stopped (ring buffers stop on < 0): -ECANCELED. */
    static final int STOP = -125;

    private static final long CLOSE_WAIT_MS = 2000;

    private final ReentrantLock lock = new ReentrantLock();
    private final int mapFd;
    private final ArrayDeque<ByteBuffer> backlog = new ArrayDeque<>();
    private volatile boolean closed;
    private volatile boolean freePending;
    private boolean freed;
    // Per-poll state, guarded by lock.
    private SampleSink sink;
    private int delivered;
    private int stopResult;
    private Throwable failure;

    BufferConsumer(int mapFd) {
        this.mapFd = mapFd;
    }

    public final int mapFd() {
        return mapFd;
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
            drainBacklog();
            int result = 0;
            if (stopResult == 0 && failure == null) {
                result = nativePoll(delivered > 0 ? 0 : timeoutMs);
            }
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

    /** Called by the native sample callback; returns 0 to go on or {@link #STOP}. */
    final int deliver(Pointer data, int size) {
        if (stopResult != 0 || failure != null) {
            ByteBuffer copy = ByteBuffer.allocate(size);
            copy.put(view(data, size)).flip();
            backlog.addLast(copy);
            return STOP;
        }
        return deliver(view(data, size));
    }

    abstract int nativePoll(int timeoutMs);

    abstract void free();

    private int deliver(ByteBuffer sample) {
        try {
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
        this.stopResult = 0;
        this.failure = null;
    }

    private void drainBacklog() {
        while (!backlog.isEmpty() && stopResult == 0 && failure == null) {
            deliver(backlog.removeFirst());
        }
    }

    private void freeIfPending() {
        if (freePending && lock.tryLock()) {
            try {
                if (!freed) {
                    freed = true;
                    backlog.clear();
                    free();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private static ByteBuffer view(Pointer data, int size) {
        return MemoryIO.getInstance().newDirectByteBuffer(data.address(), size);
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
