package org.wasmbpf.host;

import org.wasmbpf.host.spi.ModuleRejectedException;

/**
 * Exit codes of a run besides the guest's own (its {@code proc_exit} code or 0). A guest may exit
 * with any of these values itself; the message on stderr tells the cases apart.
 */
public final class ExitCodes {
    /** Bad command line (picocli's convention). */
    public static final int USAGE = 2;
    /** The module is not WebAssembly at all. */
    public static final int NOT_WASM = 65;
    /** The module file does not exist, is not a regular file or cannot be read. */
    public static final int NO_INPUT = 66;
    /** The module file ends early. */
    public static final int TRUNCATED = 67;
    /** The module is malformed, invalid or cannot be instantiated. */
    public static final int INVALID_MODULE = 68;
    /** The module imports functions this host does not provide. */
    public static final int UNKNOWN_IMPORTS = 69;
    /** A fault of the host itself (a bug; the message names the exception). */
    public static final int HOST_ERROR = 70;
    /** The module lacks {@code _start} or {@code memory}. */
    public static final int MISSING_EXPORTS = 71;
    /** {@code pull} cannot write its output file (sysexits' EX_CANTCREAT). */
    public static final int CANT_CREATE = 73;
    /**
     * A module could not be downloaded, pulled or pushed: network, HTTP or registry failure, a
     * missing tag, a refused login, or plain http to a host that is not loopback (sysexits'
     * EX_IOERR).
     */
    public static final int FETCH_FAILED = 74;
    /**
     * Fetched bytes are not what their digest, descriptor or {@code --sha256} pin says (sysexits'
     * EX_PROTOCOL): never retried on its own, since someone changed the bytes.
     */
    public static final int DIGEST_MISMATCH = 76;
    /** The guest was stopped and had to be interrupted (it did not exit within the grace period). */
    public static final int INTERRUPTED = 130;
    /** The guest trapped (128 + SIGABRT, as a native program that aborts). */
    public static final int TRAP = 134;

    private ExitCodes() {}

    public static int forRejection(ModuleRejectedException.Reason reason) {
        return switch (reason) {
            case NOT_WASM -> NOT_WASM;
            case TRUNCATED -> TRUNCATED;
            case INVALID -> INVALID_MODULE;
            case UNKNOWN_IMPORTS -> UNKNOWN_IMPORTS;
            case MISSING_EXPORTS -> MISSING_EXPORTS;
        };
    }
}
