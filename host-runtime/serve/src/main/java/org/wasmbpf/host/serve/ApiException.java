package org.wasmbpf.host.serve;

/** A request the API refuses: its HTTP status and the one line the client gets as {@code {"error": ...}}. */
final class ApiException extends RuntimeException {
    private final int status;

    ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
