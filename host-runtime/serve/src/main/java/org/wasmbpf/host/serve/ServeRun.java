package org.wasmbpf.host.serve;

import java.time.Instant;
import java.util.OptionalInt;
import org.wasmbpf.host.RunningGuest;

/**
 * One run of the API: an id, its log, and the guest now running under it. A hot update swaps the
 * guest and keeps the rest; the counts of every guest the run has had are kept ({@link RunTotals}),
 * so the run's counters never go down and miss nothing a replaced guest delivers while it stops.
 */
final class ServeRun {
    /** One module's guest within the run. */
    record Generation(RunningGuest guest, String module, String sha256, String engine, Instant startedAt) {}

    private final String id;
    private final Instant createdAt;
    private final LogRing log;
    /** Held through a whole update or delete; the run's own lock only for moments (metrics read it). */
    private final Object updateLock = new Object();
    private Generation current;
    private final RunTotals totals = new RunTotals();
    private int updates;
    private boolean deleted;

    ServeRun(String id, LogRing log, Generation first) {
        this.id = id;
        this.log = log;
        this.current = first;
        this.createdAt = first.startedAt();
        watch(first);
    }

    String id() {
        return id;
    }

    Instant createdAt() {
        return createdAt;
    }

    Object updateLock() {
        return updateLock;
    }

    LogRing log() {
        return log;
    }

    synchronized Generation current() {
        return current;
    }

    synchronized int updates() {
        return updates;
    }

    /** Makes {@code next} the run's guest; @return the one it replaces, for the caller to stop. */
    synchronized Generation replace(Generation next) {
        Generation old = current;
        current = next;
        updates++;
        log.reopen();
        watch(next);
        return old;
    }

    /** Marks the run gone: the exit of its guest, whenever it comes, ends the log. */
    synchronized void markDeleted() {
        deleted = true;
    }

    /** Samples delivered by every guest the run has had. */
    long samplesDelivered() {
        return totals.samplesDelivered();
    }

    /** Samples lost to full perf buffers, by every guest the run has had. */
    long samplesLost() {
        return totals.samplesLost();
    }

    long callbackNanos() {
        return totals.callbackNanos();
    }

    /** Empty while the current guest runs. */
    OptionalInt exitCode() {
        return current().guest().exitCode();
    }

    /** Ends the log when the guest that is current at its exit exits (not when a replaced one does). */
    private void watch(Generation g) {
        totals.started(g.guest().stats());
        Thread t = new Thread(() -> {
            int code;
            try {
                code = g.guest().waitFor();
            } catch (InterruptedException e) {
                return;
            }
            totals.ended(g.guest().stats());
            synchronized (this) {
                boolean last = current == g || deleted;
                log.add("wasm-bpf: " + g.module() + (last ? "" : " (replaced)") + " exited with code " + code);
                if (last) {
                    log.end();
                }
            }
        }, "wasm-bpf-serve-watch-" + id);
        t.setDaemon(true);
        t.start();
    }
}
