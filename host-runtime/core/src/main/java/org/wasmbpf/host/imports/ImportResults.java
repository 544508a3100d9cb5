package org.wasmbpf.host.imports;

import java.io.PrintStream;
import java.util.List;
import org.wasmbpf.host.libbpf.BpfException;

/**
 * Wasm result encoding and failure reporting shared by the imports. {@link #guestResult} is the
 * one place a host result becomes the guest's: below it every layer speaks Linux errnos (thrown
 * as {@link BpfException} or a bad pointer's exception, returned negative only by map commands
 * and polls), above it the guest's libc speaks WASI's ({@link WasiErrno}).
 */
final class ImportResults {
    /** Verifier/libbpf lines shown under a failure. */
    static final int LOG_LINES_SHOWN = 20;

    private ImportResults() {}

    static long[] i32(int value) {
        return new long[] {value};
    }

    /** A non-negative value as is, or a negative Linux errno as the guest's negative WASI errno. */
    static long[] guestResult(int valueOrLinuxErrno) {
        return i32(WasiErrno.fromLinux(valueOrLinuxErrno));
    }

    static long[] i64(long value) {
        return new long[] {value};
    }

    /** One line {@code wasm-bpf: <what> failed: <cause>}, then libbpf's last lines, indented. */
    static void report(PrintStream err, String what, String cause, List<String> log) {
        StringBuilder sb = new StringBuilder("wasm-bpf: ").append(what).append(" failed: ").append(cause);
        List<String> shown = log.subList(Math.max(0, log.size() - LOG_LINES_SHOWN), log.size());
        for (String line : shown) {
            sb.append(System.lineSeparator()).append("  ").append(line);
        }
        err.println(sb);
        err.flush();
    }

    static void report(PrintStream err, String what, BpfException e) {
        report(err, what, e.summary(), e.log());
    }
}
