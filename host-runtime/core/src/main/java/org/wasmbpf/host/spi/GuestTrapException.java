package org.wasmbpf.host.spi;

/** The guest trapped; the message names the trap and, where the engine knows it, the function. */
public class GuestTrapException extends RuntimeException {
    public GuestTrapException(String message, Throwable cause) {
        super(message, cause);
    }
}
