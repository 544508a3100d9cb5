package org.wasmbpf.host.spi;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How a guest is asked to stop, from any thread: a soft request (WASI waits return EINTR so the
 * guest can report and exit) or a hard stop (the guest is unwound). Wakes a guest sleeping in
 * the host either way. Each engine's WASI sleeps through {@link #sleep}; an engine whose hard stop
 * interrupts the guest's thread (Chicory) needs no {@link #stop}, one that stops the guest another
 * way (Wasmtime's epoch) calls it so a sleeping guest wakes too.
 */
public final class StopSignal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean requested;
    private volatile boolean stopped;

    public void request() {
        signal(() -> requested = true);
    }

    public void stop() {
        signal(() -> stopped = true);
    }

    private void signal(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean requested() {
        return requested;
    }

    public boolean stopped() {
        return stopped;
    }

    /**
     * Sleeps {@code nanos} unless a stop comes first.
     *
     * @return true when woken by a soft stop request
     * @throws GuestInterruptedException on a hard stop
     */
    public boolean sleep(long nanos) {
        long deadline = System.nanoTime() + nanos;
        lock.lock();
        try {
            while (!stopped && !requested) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.await(left, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuestInterruptedException("guest thread interrupted while sleeping");
        } finally {
            lock.unlock();
        }
        if (stopped) {
            throw new GuestInterruptedException("guest stopped while sleeping");
        }
        return true;
    }
}
