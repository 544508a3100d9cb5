package org.wasmbpf.host.cli;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.wasmbpf.host.RunningGuest;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM become {@link RunningGuest#stop()}: the guest is asked to finish (its BPF
 * polls and sleeps return EINTR) instead of the JVM dying with its BPF objects attached. A second
 * signal interrupts the guest at once, but signals closer together than {@link #REPEAT_WINDOW}
 * are one request: {@code timeout -s INT} sends its signal to the child and then to the whole
 * process group, so the JVM gets it twice within microseconds, which no person typing Ctrl-C
 * twice could do.
 */
final class StopSignals {
    static final Duration REPEAT_WINDOW = Duration.ofMillis(300);

    private final Runnable stop;
    private final LongSupplier nanoClock;
    private long lastForwardedNanos;
    private boolean forwardedAny;

    StopSignals(Runnable stop, LongSupplier nanoClock) {
        this.stop = stop;
        this.nanoClock = nanoClock;
    }

    static void forward(RunningGuest guest) {
        forward(guest::stop);
    }

    static void forward(Runnable stop) {
        StopSignals signals = new StopSignals(stop, System::nanoTime);
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), s -> signals.received());
        }
    }

    /** One signal arrived; forwards it unless it repeats one forwarded within the window. */
    synchronized void received() {
        long now = nanoClock.getAsLong();
        if (forwardedAny && now - lastForwardedNanos < REPEAT_WINDOW.toNanos()) {
            return;
        }
        forwardedAny = true;
        lastForwardedNanos = now;
        stop.run();
    }
}
