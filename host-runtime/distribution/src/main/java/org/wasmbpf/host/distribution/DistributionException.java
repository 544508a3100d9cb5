package org.wasmbpf.host.distribution;

/**
 * Why a module could not be fetched, pushed or trusted, in words for one line of stderr (the
 * caller prefixes the reference). The kind decides the exit code: a user retries a fetch failure,
 * but must not retry past an integrity failure without finding out who changed the bytes.
 */
public final class DistributionException extends Exception {
    /** What went wrong, as far as the caller's exit code is concerned. */
    public enum Kind {
        /** The reference or URL itself is malformed: nothing was fetched. */
        REFERENCE,
        /** Network, HTTP, registry or authentication failure, a missing tag, or a refused transport. */
        FETCH,
        /** Bytes whose digest or size is not what the reference, descriptor or pin says. */
        INTEGRITY,
        /** What was fetched or is to be pushed is no module or BPF object, or a manifest we cannot use. */
        CONTENT
    }

    private final Kind kind;

    public DistributionException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public DistributionException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static DistributionException fetch(String message) {
        return new DistributionException(Kind.FETCH, message);
    }

    static DistributionException integrity(String message) {
        return new DistributionException(Kind.INTEGRITY, message);
    }

    static DistributionException content(String message) {
        return new DistributionException(Kind.CONTENT, message);
    }
}
