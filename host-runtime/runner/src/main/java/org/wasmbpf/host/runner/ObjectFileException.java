package org.wasmbpf.host.runner;

/** The .bpf.o cannot be run; the message is one line naming the cause. */
public final class ObjectFileException extends RuntimeException {
    public ObjectFileException(String message) {
        super(message);
    }
}
