package org.wasmbpf.host.spi;

/** The guest was stopped by the host (signal, API stop, time limit). */
public class GuestInterruptedException extends RuntimeException {
    public GuestInterruptedException(String message) {
        super(message);
    }
}
