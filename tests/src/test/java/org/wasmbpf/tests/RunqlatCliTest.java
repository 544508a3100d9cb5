package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Timeout;
import org.wasmbpf.tests.support.CliProcess;
import org.wasmbpf.tests.support.KernelObjects;
import org.wasmbpf.tests.support.Log2Histograms;
import org.wasmbpf.tests.support.Log2Histograms.Histogram;
import org.wasmbpf.tests.support.Repo;

/** The runqlat examples (C and Java): histograms from a hash map, read and cleared once per interval. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RunqlatCliTest {

    @ParameterizedTest(name = "{1} guest on {0}")
    @CsvSource({"chicory, c", "wasmtime, c", "chicory, java", "wasmtime, java"})
    void secondIntervalStartsFromZero(String engine, String language) throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        // Only this JVM's waits (-p): the machine's other work would fill the second interval too.
        String myPid = Long.toString(ProcessHandle.current().pid());
        try (CliProcess cli = CliProcess.run(engine, Repo.example(language, "runqlat"), "-p", myPid, "1", "2")) {
            cli.awaitLine(l -> l.startsWith("Tracing run queue latency"), Duration.ofSeconds(60));
            // Load only in the first interval: if the map were not cleared, the second
            // histogram would hold at least the first one's counts.
            yieldStorm(Duration.ofMillis(700));
            assertEquals(0, cli.waitFor(Duration.ofSeconds(30)), cli.transcript());
            List<Histogram> hists = Log2Histograms.parse(cli.stdout());
            // An interval in which this JVM never waited prints no histogram, as print_log2_hist does.
            assertTrue(hists.size() == 1 || hists.size() == 2, "one histogram an interval:\n" + cli.transcript());
            assertEquals("usecs", hists.get(0).unit());
            long first = hists.get(0).total();
            long second = hists.size() == 2 ? hists.get(1).total() : 0;
            assertTrue(first > 1000, "the load makes many run-queue waits: " + first);
            assertTrue(second < first / 2, "second interval counted from zero: first=" + first + " second=" + second);
        }
        assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
    }

    @ParameterizedTest(name = "{1} guest on {0}")
    @CsvSource({"chicory, c", "wasmtime, c", "chicory, java", "wasmtime, java"})
    void millisecondsOption(String engine, String language) throws Exception {
        try (CliProcess cli = CliProcess.run(engine, Repo.example(language, "runqlat"), "-m", "1", "1")) {
            assertEquals(0, cli.waitFor(Duration.ofSeconds(60)), cli.transcript());
            List<Histogram> hists = Log2Histograms.parse(cli.stdout());
            assertEquals(1, hists.size(), cli.transcript());
            assertEquals("msecs", hists.get(0).unit());
        }
    }

    @ParameterizedTest(name = "{1} guest on {0}")
    @CsvSource({"chicory, c", "wasmtime, c", "chicory, java", "wasmtime, java"})
    void perProcessHistogramsAreHeadedByPidAndComm(String engine, String language) throws Exception {
        long myPid = ProcessHandle.current().pid();
        try (CliProcess cli = CliProcess.run(engine, Repo.example(language, "runqlat"), "-P", "1", "1")) {
            cli.awaitLine(l -> l.startsWith("Tracing run queue latency"), Duration.ofSeconds(60));
            yieldStorm(Duration.ofMillis(500));
            assertEquals(0, cli.waitFor(Duration.ofSeconds(30)), cli.transcript());
            assertTrue(cli.find(l -> l.matches("pid = " + myPid + " \\S.*")).isPresent(),
                    "a histogram for this JVM's threads, headed by its pid and a comm:\n" + cli.transcript());
            assertTrue(Log2Histograms.parse(cli.stdout()).size() > 1, "one histogram per process:\n" + cli.transcript());
        }
    }

    @ParameterizedTest(name = "{1} guest on {0}")
    @CsvSource({"chicory, c", "wasmtime, c", "chicory, java", "wasmtime, java"})
    void ctrlCEndsTheIntervalPrintsItAndExitsZero(String engine, String language) throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        try (CliProcess cli = CliProcess.run(engine, Repo.example(language, "runqlat"), "100")) {
            cli.awaitLine(l -> l.startsWith("Tracing run queue latency"), Duration.ofSeconds(60));
            yieldStorm(Duration.ofMillis(300));
            cli.signal("INT");
            assertEquals(0, cli.waitFor(Duration.ofSeconds(15)), cli.transcript());
            assertEquals(1, Log2Histograms.parse(cli.stdout()).size(), "the cut interval is printed:\n" + cli.transcript());
        }
        assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
    }

    /** More runnable threads than cores, each giving the CPU up constantly. */
    private static void yieldStorm(Duration d) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    Thread.yield();
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }
}
