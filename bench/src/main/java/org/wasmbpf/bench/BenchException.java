package org.wasmbpf.bench;

/** A benchmark step failed; the message names the step and the cause. */
public final class BenchException extends RuntimeException {
    public BenchException(String message) {
        super(message);
    }
}
