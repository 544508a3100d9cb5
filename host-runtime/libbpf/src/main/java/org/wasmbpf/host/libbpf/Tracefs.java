package org.wasmbpf.host.libbpf;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes sure tracefs is mounted where libbpf 1.1 will look for tracepoint ids before attaching
 * a tracepoint program: /sys/kernel/debug/tracing if that path exists, else /sys/kernel/tracing.
 */
final class Tracefs {
    static final Path DEBUGFS_TRACING = Path.of("/sys/kernel/debug/tracing");
    static final Path TRACEFS = Path.of("/sys/kernel/tracing");

    private Tracefs() {}

    static boolean neededBy(String section) {
        return section.startsWith("tracepoint/") || section.startsWith("tp/");
    }

    static synchronized void ensureMounted() {
        Path dir = Files.exists(DEBUGFS_TRACING) ? DEBUGFS_TRACING : TRACEFS;
        if (Files.isDirectory(dir.resolve("events"))) {
            return;
        }
        NativeCalls c = Native.calls();
        int r = c.mount("nodev", dir.toString(), "tracefs", 0);
        if (r != 0) {
            int errno = -r;
            throw new BpfException(errno, "tracefs is not mounted at " + dir + " and mounting it failed ("
                    + Errno.describe(errno) + "): tracepoints cannot attach; run 'mount -t tracefs nodev " + dir + "' as root");
        }
    }
}
