package org.wasmbpf.examples.bootstrap;

import static org.wasmbpf.guest.Text.left;

import org.teavm.interop.Address;
import org.wasmbpf.guest.Args;
import org.wasmbpf.guest.BpfBuffer;
import org.wasmbpf.guest.BpfException;
import org.wasmbpf.guest.Console;
import org.wasmbpf.guest.Errno;
import org.wasmbpf.guest.Exit;
import org.wasmbpf.guest.LocalTime;

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

    /** The largest duration whose nanoseconds fit the 64-bit rodata value. */
    private static final long MAX_DURATION_MS = Long.MAX_VALUE / 1_000_000L;

    private final Event event = new Event();

    private Bootstrap() {
    }

    public static void main(String[] argv) {
        Exit.run("bootstrap", () -> new Bootstrap().run(argv));
    }

    private int run(String[] argv) {
        Args args = new Args("bootstrap", USAGE).option('d', "duration").flag('v', "verbose").parseOrExit(argv);
        boolean verbose = args.has("verbose");
        long minDurationMs = durationMs(args);

        try (BootstrapSkel skel = BootstrapSkel.open()) {
            skel.rodata().minDurationNs(minDurationMs * 1_000_000L);
            try {
                skel.load();
            } catch (BpfException e) {
                Console.err("bootstrap: failed to load and verify the BPF programs");
                return 1;
            }
            if (verbose) {
                Console.err("bootstrap: loaded, min_duration_ns=" + minDurationMs * 1_000_000L);
            }
            try {
                skel.attach();
            } catch (BpfException e) {
                Console.err("bootstrap: failed to attach the BPF programs: " + Errno.describe(e.errno()));
                return 1;
            }
            if (verbose) {
                Console.err("bootstrap: attached handle_exec and handle_exit");
            }

            BpfBuffer rb;
            try {
                rb = skel.openRb(this::handleEvent);
            } catch (BpfException e) {
                Console.err("bootstrap: failed to open the ring buffer: " + Errno.describe(e.errno()));
                return 1;
            }
            Console.println(left("TIME", 8) + " " + left("EVENT", 5) + " " + left("COMM", 16) + " "
                    + left("PID", 7) + " " + left("PPID", 7) + " FILENAME/EXIT CODE");
            for (;;) {
                int n;
                try {
                    n = rb.poll(100);
                } catch (BpfException e) {
                    Console.err("bootstrap: polling the ring buffer failed: " + Errno.describe(e.errno()));
                    return 1;
                }
                if (n == BpfBuffer.STOPPED) { // the host is stopping the run (Ctrl-C)
                    return 0;
                }
            }
        }
    }

    /** -d as strtol reads it: optional blanks and sign, decimal digits, nothing after. */
    private static long durationMs(Args args) {
        String text = args.value("duration", null);
        if (text == null) {
            return 0;
        }
        int i = 0;
        while (i < text.length() && " \t\n\u000b\f\r".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        boolean negative = i < text.length() && text.charAt(i) == '-';
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            i++;
        }
        long ms = 0;
        boolean digits = i < text.length();
        for (; i < text.length() && digits; i++) {
            int d = text.charAt(i) - '0';
            digits = d >= 0 && d <= 9 && ms <= (MAX_DURATION_MS - d) / 10;
            ms = ms * 10 + d;
        }
        if (!digits || negative && ms != 0) {
            args.fail("invalid duration '" + text + "': expected milliseconds, 0 or more");
        }
        return ms;
    }

    private int handleEvent(Address data, int size) {
        if (size < Event.SIZE) {
            Console.err("bootstrap: short event (" + size + " bytes, expected " + Event.SIZE + ")");
            return 0;
        }
        Event e = event;
        e.at(data);
        String line = left(LocalTime.now(), 8) + " " + left(e.exitEvent() ? "EXIT" : "EXEC", 5) + " "
                + left(e.comm(), 16) + " " + left(e.pid(), 7) + " " + left(e.ppid(), 7) + " ";
        if (e.exitEvent()) {
            line += "[" + e.exitCode() + "]";
            long durationNs = e.durationNs();
            if (durationNs != 0) {
                line += " (" + Long.divideUnsigned(durationNs, 1_000_000L) + "ms)";
            }
        } else {
            line += e.filename();
        }
        Console.println(line);
        return 0;
    }
}
