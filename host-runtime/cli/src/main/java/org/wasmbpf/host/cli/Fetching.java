package org.wasmbpf.host.cli;

import java.io.PrintWriter;
import org.wasmbpf.host.ExitCodes;
import org.wasmbpf.host.distribution.DistributionException;

/** How run, push and pull report a failed fetch or push: one line naming the reference, and its exit code. */
final class Fetching {
    private Fetching() {}

    static int report(PrintWriter err, String reference, DistributionException e) {
        err.println("wasm-bpf: " + reference + ": " + e.getMessage());
        err.flush();
        return switch (e.kind()) {
            case REFERENCE -> ExitCodes.USAGE;
            case FETCH -> ExitCodes.FETCH_FAILED;
            case INTEGRITY -> ExitCodes.DIGEST_MISMATCH;
            case CONTENT -> ExitCodes.NOT_WASM;
        };
    }
}
