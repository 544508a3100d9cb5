package org.wasmbpf.host.cli;

import org.wasmbpf.host.RunningGuest;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM become {@link RunningGuest#stop()}: the guest is asked to finish (its BPF
 * polls and sleeps return EINTR) instead of the JVM dying with its BPF objects attached. A second
 * signal interrupts the guest at once.
 */
final class StopSignals {
    private StopSignals() {}

    static void forward(RunningGuest guest) {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), s -> guest.stop());
        }
    }
}
