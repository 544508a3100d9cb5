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
import org.wasmbpf.guest.WholeNumber;

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

    private static final long UINT_MAX = 0xFFFFFFFFL;
    private static final WholeNumber PID = new WholeNumber("PID", 1, Integer.MAX_VALUE);
    private static final WholeNumber INTERVAL = new WholeNumber("interval", 1, UINT_MAX);
    private static final WholeNumber COUNT = new WholeNumber("count", 1, UINT_MAX);
    /** The C tool's "forever", for interval and count when they are not given. */
    private static final long FOREVER = 99999999;
    /** A key no histogram has (pids stay below 2^22), to start get-next-key at the first key. */
    private static final int NO_SUCH_KEY = -2;

    private final Hist hist = new Hist();
    private final int[] slots = new int[Hist.SLOTS_LENGTH];
    private boolean milliseconds;
    private boolean perProcess;
    private boolean perThread;
    private boolean perPidns;

    public static void main(String[] argv) {
        Exit.run("runqlat", () -> new Runqlat().run(argv));
    }

    private int run(String[] argv) {
        Args args = new Args("runqlat", USAGE)
                .flag('m', "milliseconds")
                .flag('P', "pids")
                .flag('L', "tids")
                .flag('\0', "pidnss")
                .option('p', "pid", PID)
                .flag('T', "timestamp")
                .flag('v', "verbose")
                .positionals(2)
                .parseOrExit(argv);
        milliseconds = args.has("milliseconds");
        perProcess = args.has("pids");
        perThread = args.has("tids");
        perPidns = args.has("pidnss");
        if ((perProcess ? 1 : 0) + (perThread ? 1 : 0) + (perPidns ? 1 : 0) > 1) {
            args.fail("-P, -L and --pidnss exclude each other");
        }
        int pid = args.intValue("pid", 0);
        long interval = args.positional(0, INTERVAL, FOREVER);
        long times = args.positional(1, COUNT, FOREVER);

        try (RunqlatSkel skel = RunqlatSkel.open()) {
            skel.rodata()
                    .targPerProcess(perProcess)
                    .targPerThread(perThread)
                    .targPerPidns(perPidns)
                    .targMs(milliseconds)
                    .targTgid(pid);
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
            if (args.has("verbose")) {
                Console.err("runqlat: attached; interval " + interval + "s, " + times + " times");
            }

            Console.println("Tracing run queue latency... Hit Ctrl-C to end.");
            BpfMap hists = skel.hists();
            for (;;) {
                // the sleep ends early only when the host is stopping the run
                boolean interrupted = !Sleep.seconds(interval);
                Console.println("");
                if (args.has("timestamp")) {
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
                int k = intOf(next);
                hist.on(value, 0);
                if (perProcess) {
                    Console.println("\npid = " + k + " " + hist.comm());
                } else if (perThread) {
                    Console.println("\ntid = " + k + " " + hist.comm());
                } else if (perPidns) {
                    Console.println("\npidns = " + (k & UINT_MAX) + " " + hist.comm());
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

    /** The map's u32 keys, little-endian as in the kernel. */
    private static byte[] intBytes(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    private static int intOf(byte[] b) {
        return b[0] & 0xFF | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | b[3] << 24;
    }
}
