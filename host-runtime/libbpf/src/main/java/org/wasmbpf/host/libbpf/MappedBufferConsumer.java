package org.wasmbpf.host.libbpf;

/**
 * A consumer that reads its buffer from the kernel's mapping in Java ({@link #consume}) and
 * sleeps in {@code epoll_wait} only when there is nothing to read.
 */
abstract sealed class MappedBufferConsumer extends BufferConsumer
        permits MappedRingBufferConsumer, MappedPerfBufferConsumer {
    /**
     * Consumed bytes are handed back to the kernel every so many, not only at the end of a read:
     * the producer reads the position on every write, from another CPU, so not on every sample;
     * and a sink that runs the guest's callback per sample as it is read would otherwise hold the
     * whole buffer until the last callback returned, while the kernel drops what does not fit.
     */
    static final long RELEASE_EVERY_BYTES = 4096;

    final BufferCalls calls = Native.bufferCalls();
    /** epoll_wait's result array, made at the first wait and kept: a wait per sample is the low-latency mode's path. */
    private long epollEvents;

    MappedBufferConsumer(int mapFd) {
        super(mapFd);
    }

    @Override
    public final boolean callsSinkFromJava() {
        return true;
    }

    /**
     * Passes every available sample to {@link #deliverSample} until none is left or the sink
     * stops; returns their number.
     */
    abstract int consume();

    /** The epoll instance that reports the buffer readable. */
    abstract int epollFd();

    /** How many fds that epoll instance watches (one per perf ring). */
    abstract int watchedFds();

    @Override
    final int nativePoll(int timeoutMs) {
        int n = consume();
        if (n != 0 || timeoutMs == 0) {
            return n;
        }
        if (epollEvents == 0) {
            epollEvents = calls.allocateEpollEvents(watchedFds());
        }
        int ready = calls.epollWait(epollFd(), epollEvents, watchedFds(), timeoutMs);
        if (ready < 0) {
            return ready;
        }
        return ready == 0 ? 0 : consume();
    }

    /** Unmaps the buffer and closes what the subclass opened; once. */
    abstract void freeMappings();

    @Override
    final void free() {
        freeMappings();
        if (epollEvents != 0) {
            calls.freeEpollEvents(epollEvents);
            epollEvents = 0;
        }
    }
}
