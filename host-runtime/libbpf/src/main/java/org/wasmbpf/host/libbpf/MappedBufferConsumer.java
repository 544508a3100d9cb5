package org.wasmbpf.host.libbpf;

/**
 * A consumer that reads its buffer from the kernel's mapping in Java ({@link #consume}) and
 * sleeps in {@code epoll_wait} only when there is nothing to read.
 */
abstract sealed class MappedBufferConsumer extends BufferConsumer
        permits MappedRingBufferConsumer, MappedPerfBufferConsumer {
    final BufferCalls calls = Native.bufferCalls();

    MappedBufferConsumer(int mapFd) {
        super(mapFd);
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
        int ready = calls.epollWait(epollFd(), watchedFds(), timeoutMs);
        if (ready < 0) {
            return ready;
        }
        return ready == 0 ? 0 : consume();
    }
}
