package org.wasmbpf.guest;

/** A host function failed: which operation, and the (positive, WASI-numbered) errno it returned. */
public class BpfException extends RuntimeException {
    private final String operation;
    private final int errno;

    public BpfException(String operation, int errno) {
        super(operation + ": " + Errno.describe(errno));
        this.operation = operation;
        this.errno = errno;
    }

    /** What was being done, e.g. "attaching program handle_exec". */
    public String operation() {
        return operation;
    }

    /** The WASI errno, positive; see {@link Errno}. */
    public int errno() {
        return errno;
    }

    /** Throws for a negative host result; returns a non-negative one. */
    static int check(int result, String operation) {
        if (result < 0) {
            throw new BpfException(operation, -result);
        }
        return result;
    }
}
