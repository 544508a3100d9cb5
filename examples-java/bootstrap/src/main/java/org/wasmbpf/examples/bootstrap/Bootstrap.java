package org.wasmbpf.examples.bootstrap;

import org.teavm.interop.Address;
import org.wasmbpf.guest.Args;
import org.wasmbpf.guest.BpfBuffer;
import org.wasmbpf.guest.BpfException;
import org.wasmbpf.guest.Console;
import org.wasmbpf.guest.Errno;
import org.wasmbpf.guest.Exit;
import org.wasmbpf.guest.Line;
import org.wasmbpf.guest.LocalTime;
import org.wasmbpf.guest.WholeNumber;

/** bootstrap in Java: prints every process exec and exit, as examples-c/bootstrap/bootstrap.c. */
public final class Bootstrap {
    static final String USAGE = ""
            + "Usage: bootstrap [-v] [-d MIN_DURATION_MS]\n"
            + "Trace process start and exit and show filename, lifetime, PID, PPID and exit code.\n"
            + "\n"
            + "  -d, --duration=MIN_DURATION_MS  only report processes that lived at least this long\n"
            + "                                  (no EXEC lines then)\n"
            + "  -v, --verbose                   report progress on stderr\n"
            + "  -h, --help                      show this help\n";

    /** Up to the largest duration whose nanoseconds fit the 64-bit rodata value. */
    private static final WholeNumber DURATION_MS = new WholeNumber("duration", 0, Long.MAX_VALUE / 1_000_000L)
            .expected("milliseconds, 0 or more");

    private final Event event = new Event();
    private final Line line = new Line();

    public static void main(String[] argv) {
        Exit.run("bootstrap", () -> new Bootstrap().run(argv));
    }

    private int run(String[] argv) {
        Args args = new Args("bootstrap", USAGE)
                .option('d', "duration", DURATION_MS)
                .flag('v', "verbose")
                .parseOrExit(argv);
        long minDurationNs = args.longValue("duration", 0) * 1_000_000L;
        boolean verbose = args.has("verbose");

        try (BootstrapSkel skel = BootstrapSkel.open()) {
            skel.rodata().minDurationNs(minDurationNs);
            try {
                skel.load();
            } catch (BpfException e) {
                Console.err("bootstrap: failed to load and verify the BPF programs");
                return 1;
            }
            if (verbose) {
                Console.err("bootstrap: loaded, min_duration_ns=" + minDurationNs);
            }

            try {
                skel.attach();
            } catch (BpfException e) {
                return failed("failed to attach the BPF programs", e);
            }
            if (verbose) {
                Console.err("bootstrap: attached handle_exec and handle_exit");
            }

            BpfBuffer rb;
            try {
                rb = skel.openRb(this::handleEvent);
            } catch (BpfException e) {
                return failed("failed to open the ring buffer", e);
            }
            Console.println("TIME     EVENT COMM             PID     PPID    FILENAME/EXIT CODE");
            try {
                while (rb.poll(100) != BpfBuffer.STOPPED) {
                    // every sample went to handleEvent; STOPPED: the host is stopping the run (Ctrl-C)
                }
            } catch (BpfException e) {
                return failed("polling the ring buffer failed", e);
            }
            return 0;
        }
    }

    private static int failed(String what, BpfException e) {
        Console.err("bootstrap: " + what + ": " + Errno.describe(e.errno()));
        return 1;
    }

    /** One line per event, the columns of bootstrap.c's printf("%-8s %-5s %-16s %-7d %-7d ..."). */
    private int handleEvent(Address data, int size) {
        if (size < Event.SIZE) {
            Console.err("bootstrap: short event (" + size + " bytes, expected " + Event.SIZE + ")");
            return 0;
        }
        Event e = event.at(data);
        line.left(LocalTime.now(), 8).add(" ")
                .left(e.exitEvent() ? "EXIT" : "EXEC", 5).add(" ")
                .left(e.comm(), 16).add(" ")
                .left(e.pid(), 7).add(" ")
                .left(e.ppid(), 7).add(" ");
        if (e.exitEvent()) {
            line.add("[" + e.exitCode() + "]");
            if (e.durationNs() != 0) {
                line.add(" (" + Long.divideUnsigned(e.durationNs(), 1_000_000L) + "ms)");
            }
        } else {
            line.add(e.filename());
        }
        line.println();
        return 0;
    }
}
