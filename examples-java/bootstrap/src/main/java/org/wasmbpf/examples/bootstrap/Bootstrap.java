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
    private final Line line = new Line();

    private Bootstrap() {
    }

    public static void main(String[] argv) {
        Exit.run("bootstrap", () -> new Bootstrap().run(argv));
    }

    private int run(String[] argv) {
        Args args = new Args("bootstrap", USAGE).option('d', "duration").flag('v', "verbose").parseOrExit(argv);
        boolean verbose = args.has("verbose");
        long minDurationNs = durationMs(args) * 1_000_000L;

        BootstrapSkel skel = BootstrapSkel.open();
        int code;
        try {
            code = trace(skel, verbose, minDurationNs);
        } finally {
            // not try-with-resources: its suppressed-exception handling is code the module does not need
            skel.close();
        }
        return code;
    }

    /** Loads, attaches and polls until the host stops the run; returns the exit code. */
    private int trace(BootstrapSkel skel, boolean verbose, long minDurationNs) {
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
        // One catch for the three steps, each catch being code in the module; failed names the step.
        String failed = "failed to attach the BPF programs: ";
        try {
            skel.attach();
            if (verbose) {
                Console.err("bootstrap: attached handle_exec and handle_exit");
            }
            failed = "failed to open the ring buffer: ";
            BpfBuffer rb = skel.openRb(this::handleEvent);
            Console.println("TIME     EVENT COMM             PID     PPID    FILENAME/EXIT CODE");
            failed = "polling the ring buffer failed: ";
            while (rb.poll(100) != BpfBuffer.STOPPED) { // STOPPED: the host is stopping the run (Ctrl-C)
                // every sample went to handleEvent
            }
            return 0;
        } catch (BpfException e) {
            Console.err("bootstrap: " + failed + Errno.describe(e.errno()));
            return 1;
        }
    }

    /** -d as strtol reads it: optional blanks and sign, decimal digits, nothing after. */
    private static long durationMs(Args args) {
        String text = args.value("duration", null);
        if (text == null) {
            return 0;
        }
        int length = text.length();
        int i = 0;
        while (i < length && (text.charAt(i) == ' ' || text.charAt(i) >= '\t' && text.charAt(i) <= '\r')) {
            i++;
        }
        char sign = i < length ? text.charAt(i) : 0;
        boolean negative = sign == '-';
        if (negative || sign == '+') {
            i++;
        }
        long ms = 0;
        boolean digits = i < length;
        for (; i < length && digits; i++) {
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
        Event e = event.at(data);
        boolean exit = e.exitEvent();
        // One call per statement: a chained call's result would get a null check of its own.
        Line out = line;
        out.left(LocalTime.now(), 8);
        out.add(" ");
        out.left(exit ? "EXIT" : "EXEC", 5);
        out.add(" ");
        out.left(e.comm(), 16);
        out.add(" ");
        out.left(e.pid(), 7);
        out.add(" ");
        out.left(e.ppid(), 7);
        out.add(" ");
        if (exit) {
            out.add("[");
            out.add(e.exitCode());
            out.add("]");
            long durationNs = e.durationNs();
            if (durationNs != 0) {
                out.add(" (");
                out.add(Long.divideUnsigned(durationNs, 1_000_000L));
                out.add("ms)");
            }
        } else {
            out.add(e.filename());
        }
        out.println();
        return 0;
    }
}
