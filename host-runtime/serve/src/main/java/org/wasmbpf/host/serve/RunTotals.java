package org.wasmbpf.host.serve;

import java.util.ArrayList;
import java.util.List;
import org.wasmbpf.host.GuestStats;

/**
 * The counts of every guest a run has had. A guest's counts are read live until it exits, then
 * folded in: a guest replaced by a hot update goes on delivering until it has stopped, and those
 * samples count too. Every count only grows.
 */
final class RunTotals {
    /** The guests that have not exited: the current one, and replaced ones still stopping. */
    private final List<GuestStats> running = new ArrayList<>();
    private long endedSamples;
    private long endedCallbackNanos;
    private long endedLost;

    synchronized void started(GuestStats guest) {
        running.add(guest);
    }

    /** The guest has exited: its counts are final. */
    synchronized void ended(GuestStats guest) {
        if (running.remove(guest)) {
            endedSamples += guest.samplesDelivered();
            endedCallbackNanos += guest.callbackNanos();
            endedLost += guest.samplesLost();
        }
    }

    synchronized long samplesDelivered() {
        long n = endedSamples;
        for (GuestStats s : running) {
            n += s.samplesDelivered();
        }
        return n;
    }

    synchronized long samplesLost() {
        long n = endedLost;
        for (GuestStats s : running) {
            n += s.samplesLost();
        }
        return n;
    }

    synchronized long callbackNanos() {
        long n = endedCallbackNanos;
        for (GuestStats s : running) {
            n += s.callbackNanos();
        }
        return n;
    }
}
