package org.wasmbpf.examples.runqlat;

import org.wasmbpf.guest.Args;
import org.wasmbpf.guest.BpfException;
import org.wasmbpf.guest.BpfMap;
import org.wasmbpf.guest.Console;
import org.wasmbpf.guest.Errno;
import org.wasmbpf.guest.Exit;
import org.wasmbpf.guest.LocalTime;
import org.wasmbpf.guest.Log2Hist;
import org.wasmbpf.guest.Sleep;
import org.wasmbpf.guest.Text;

/**
 * runqlat in Java: run-queue latency as log2 histograms, one per interval, optionally per process,
 * thread or PID namespace; the same options and output as examples-c/runqlat/runqlat.c.
 */
public final class Runqlat {
    static final String USAGE = ""
            + "Usage: runqlat [-h] [-T] [-m] [-P | -L | --pidnss] [-p PID] [-v] [interval] [count]\n"
            + "Summarize run queue (scheduler) latency as a histogram.\n"
            + "\n"
            + "Examples:\n"
            + "    runqlat         # summarize run queue latency as a histogram\n"
            + "    runqlat 1 10    # print 1 second summaries, 10 times\n"
            + "    runqlat -mT 1   # 1s summaries, milliseconds, and timestamps\n"
            + "    runqlat -P      # show each PID separately\n"
            + "    runqlat -p 185  # trace PID 185 only\n"
            + "\n"
            + "  -m, --milliseconds  millisecond histogram\n"
            + "  -P, --pids          print a histogram per process ID\n"
            + "  -L, --tids          print a histogram per thread ID\n"
            + "      --pidnss        print a histogram per PID namespace\n"
            + "  -p, --pid=PID       trace this PID only\n"
            + "  -T, --timestamp     include a timestamp on output\n"
            + "  -v, --verbose       report progress on stderr\n"
            + "  -h, --help          show this help\n";

    /** A key no histogram has (pids stay below 2^22), to start get-next-key at the first key. */
    private static final int NO_SUCH_KEY = -2;
    private static final long UINT_MAX = 0xFFFFFFFFL;

    private final Hist hist = new Hist();
    private final int[] slots = new int[Hist.SLOTS_LENGTH];
    private boolean milliseconds;
    private boolean perProcess;
    private boolean perThread;
    private boolean perPidns;

    private Runqlat() {
    }

    public static void main(String[] argv) {
        Exit.run("runqlat", () -> new Runqlat().run(argv));
    }

    private int run(String[] argv) {
        Args args = new Args("runqlat", USAGE).flag('m', "milliseconds").flag('P', "pids").flag('L', "tids")
                .flag('\0', "pidnss").option('p', "pid").flag('T', "timestamp").flag('v', "verbose")
                .positionals(2).parseOrExit(argv);
        milliseconds = args.has("milliseconds");
        perProcess = args.has("pids");
        perThread = args.has("tids");
        perPidns = args.has("pidnss");
        boolean timestamp = args.has("timestamp");
        int pid = args.has("pid") ? (int) number(args, "PID", args.value("pid", null), Integer.MAX_VALUE) : 0;
        if ((perProcess ? 1 : 0) + (perThread ? 1 : 0) + (perPidns ? 1 : 0) > 1) {
            args.fail("-P, -L and --pidnss exclude each other");
        }
        String[] rest = args.positionals();
        long interval = rest.length > 0 ? number(args, "interval", rest[0], UINT_MAX) : 99999999;
        long times = rest.length > 1 ? number(args, "count", rest[1], UINT_MAX) : 99999999;

        RunqlatSkel skel = RunqlatSkel.open();
        int code;
        try {
            skel.rodata().targPerProcess(perProcess).targPerThread(perThread).targPerPidns(perPidns)
                    .targMs(milliseconds).targTgid(pid);
            code = trace(skel, args.has("verbose"), timestamp, interval, times);
        } finally {
            // not try-with-resources: its suppressed-exception handling is code the module does not need
            skel.close();
        }
        return code;
    }

    /** Loads, attaches, then prints the histograms every interval; returns the exit code. */
    private int trace(RunqlatSkel skel, boolean verbose, boolean timestamp, long interval, long times) {
        try {
            skel.load();
        } catch (BpfException e) {
            Console.err("runqlat: failed to load and verify the BPF programs");
            return 1;
        }
        try {
            skel.attach();
        } catch (BpfException e) {
            Console.err("runqlat: failed to attach the BPF programs: " + Errno.describe(e.errno()));
            return 1;
        }
        if (verbose) {
            Console.err("runqlat: attached; interval " + interval + "s, " + times + " times");
        }
        Console.println("Tracing run queue latency... Hit Ctrl-C to end.");
        BpfMap hists = skel.hists();
        for (;;) {
            // the sleep ends early only when the host is stopping the run
            boolean interrupted = !Sleep.seconds(interval);
            Console.println("");
            if (timestamp) {
                Console.println(LocalTime.now());
            }
            if (!printAndClear(hists)) {
                return 1;
            }
            if (interrupted || --times == 0) {
                return 0;
            }
        }
    }

    /**
     * Prints every histogram, then deletes them all so that the next interval counts from zero, as
     * libbpf-tools' runqlat does. Deleting each key as it was read let get-next-key from it restart
     * at the first key, which the tracer may have made again by then: that histogram was printed
     * twice in one interval.
     */
    private boolean printAndClear(BpfMap hists) {
        String units = milliseconds ? "msecs" : "usecs";
        byte[] key = intBytes(NO_SUCH_KEY);
        byte[] next = new byte[4];
        byte[] value = new byte[Hist.SIZE];
        try {
            while (hists.nextKey(key, next)) {
                System.arraycopy(next, 0, key, 0, 4);
                if (!hists.lookup(next, value)) {
                    continue; // gone between get-next-key and now
                }
                int k = next[0] & 0xFF | (next[1] & 0xFF) << 8 | (next[2] & 0xFF) << 16 | next[3] << 24;
                hist.on(value, 0);
                if (perProcess) {
                    Console.println("\npid = " + k + " " + hist.comm());
                } else if (perThread) {
                    Console.println("\ntid = " + k + " " + hist.comm());
                } else if (perPidns) {
                    Console.println("\npidns = " + Text.unsignedDecimal(k & UINT_MAX) + " " + hist.comm());
                }
                for (int i = 0; i < slots.length; i++) {
                    slots[i] = (int) hist.slots(i);
                }
                Log2Hist.print(slots, units);
            }
            key = intBytes(NO_SUCH_KEY);
            while (hists.nextKey(key, next)) {
                hists.delete(next); // false: gone since, which is what was wanted
                System.arraycopy(next, 0, key, 0, 4);
            }
            return true;
        } catch (BpfException e) {
            Console.err("runqlat: " + e.getMessage());
            return false;
        }
    }

    /** A whole decimal number in [1, max], as the C tool's parse_number takes it; else usage and exit 1. */
    private static long number(Args args, String what, String text, long max) {
        long v = 0;
        boolean ok = !text.isEmpty() && text.length() <= 19;
        for (int i = 0; ok && i < text.length(); i++) {
            int d = text.charAt(i) - '0';
            ok = d >= 0 && d <= 9;
            v = v * 10 + d;
        }
        if (!ok || v < 1 || v > max) {
            Console.err("runqlat: invalid " + what + " '" + text + "': expected a whole number from 1 to " + max);
            Console.printErr(USAGE);
            throw new Exit.Request(1);
        }
        return v;
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }
}
