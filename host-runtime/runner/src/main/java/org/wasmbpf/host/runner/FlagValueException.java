package org.wasmbpf.host.runner;

/** A flag's value does not fit its global; the message is the one line the user sees. */
public final class FlagValueException extends IllegalArgumentException {
    public FlagValueException(String message) {
        super(message);
    }
}
