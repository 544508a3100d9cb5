package org.wasmbpf.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** What /proc says about a running process: CPU time (all threads, dead ones included) and RSS. */
public final class ProcFs {
    /** The kind {@link #cpuNanosByThread} gives the JIT's compiler threads. */
    static final String JIT = "JIT compiler";

    /** USER_HZ, the unit of utime/stime; 100 on every Linux architecture the host runs on. */
    static final long TICKS_PER_SECOND = 100;

    private ProcFs() {}

    /**
     * The JVM of a process the bench started through the launcher: the process itself once the
     * launcher has exec'd java; the launcher's java child when it runs one to record its class
     * cache (and waits for it). Any other process is itself.
     */
    public static long jvmOf(long pid) {
        ProcessHandle p = ProcessHandle.of(pid).orElse(null);
        if (p == null || isJava(p)) {
            return pid;
        }
        return p.descendants().filter(ProcFs::isJava).map(ProcessHandle::pid).findFirst().orElse(pid);
    }

    private static boolean isJava(ProcessHandle p) {
        return p.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    /** utime + stime of the whole process, in nanoseconds (resolution 10 ms). */
    public static long cpuNanos(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // comm (field 2) may hold spaces and parentheses: count fields after the last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /**
     * CPU time per kind of thread (JIT compiler, GC, or the thread's name without digits), in
     * nanoseconds; threads that already ended are not listed, so the sum may be below {@link #cpuNanos}.
     */
    public static Map<String, Long> cpuNanosByThread(long pid) {
        Map<String, Long> byKind = new TreeMap<>();
        File[] tasks = new File("/proc/" + pid + "/task").listFiles();
        if (tasks == null) {
            return byKind;
        }
        for (File task : tasks) {
            try {
                String stat = Files.readString(task.toPath().resolve("stat"));
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                long ns = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * (1_000_000_000L / TICKS_PER_SECOND);
                byKind.merge(kind(comm), ns, Long::sum);
            } catch (IOException | RuntimeException e) {
                // the thread ended while we looked
            }
        }
        return byKind;
    }

    private static String kind(String comm) {
        if (comm.contains("CompilerThre")) {
            return JIT;
        }
        if (comm.startsWith("GC ") || comm.startsWith("G1 ") || comm.startsWith("VM Thread")) {
            return "GC/VM";
        }
        return comm.replaceAll("[0-9]+", "#");
    }

    /** VmRSS in KiB. */
    public static long rssKib(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException(path + ": cannot read it (process gone?): " + e.getMessage(), e);
        }
    }
}
