package org.wasmbpf.host.libbpf;

import java.util.List;

/**
 * A libbpf or kernel failure: the errno, a one-line summary naming what failed, and the last
 * lines libbpf logged on this thread during the operation (for a load, the verifier's output).
 */
public class BpfException extends RuntimeException {
    private final int errno;
    private final String summary;
    private final List<String> log;

    public BpfException(int errno, String summary) {
        this(errno, summary, List.of());
    }

    public BpfException(int errno, String summary, List<String> log) {
        super(log.isEmpty() ? summary : summary + System.lineSeparator() + String.join(System.lineSeparator(), log));
        this.errno = Math.abs(errno);
        this.summary = summary;
        this.log = List.copyOf(log);
    }

    /** Positive errno. */
    public int errno() {
        return errno;
    }

    /** The one-line cause, without the log. */
    public String summary() {
        return summary;
    }

    /** libbpf's last log lines for the failed operation, oldest first; may be empty. */
    public List<String> log() {
        return log;
    }
}
