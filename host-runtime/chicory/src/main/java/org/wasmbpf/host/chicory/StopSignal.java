package org.wasmbpf.host.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** The soft stop of one guest: set once from any thread, wakes a guest waiting in WASI. */
final class StopSignal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean requested;

    void request() {
        lock.lock();
        try {
            requested = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean requested() {
        return requested;
    }

    /**
     * Waits {@code nanos} unless a stop is requested first.
     *
     * @return true when woken by a stop request
     * @throws ChicoryInterruptedException when the thread is interrupted (the hard stop)
     */
    boolean await(long nanos) {
        long deadline = System.nanoTime() + nanos;
        lock.lock();
        try {
            while (!requested) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.await(left, TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (InterruptedException e) {
            throw new ChicoryInterruptedException("guest interrupted while sleeping", e);
        } finally {
            lock.unlock();
        }
    }
}
