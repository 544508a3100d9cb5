package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.wasmbpf.tests.support.CliProcess;
import org.wasmbpf.tests.support.Engines;
import org.wasmbpf.tests.support.KernelObjects;
import org.wasmbpf.tests.support.Log2Histograms;
import org.wasmbpf.tests.support.Log2Histograms.Histogram;
import org.wasmbpf.tests.support.Repo;

/** examples-c/runqlat: histograms from a hash map, read and cleared once per interval. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RunqlatCliTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void secondIntervalStartsFromZero(String engine) throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        try (CliProcess cli = CliProcess.run(engine, Repo.cExample("runqlat"), "1", "2")) {
            cli.awaitLine(l -> l.startsWith("Tracing run queue latency"), Duration.ofSeconds(60));
            // Load only in the first interval: if the map were not cleared, the second
            // histogram would hold at least the first one's counts.
            yieldStorm(Duration.ofMillis(700));
            assertEquals(0, cli.waitFor(Duration.ofSeconds(30)), cli.transcript());
            List<Histogram> hists = Log2Histograms.parse(cli.stdout());
            assertEquals(2, hists.size(), "two intervals, two histograms:\n" + cli.transcript());
            assertEquals("usecs", hists.get(0).unit());
            long first = hists.get(0).total();
            long second = hists.get(1).total();
            assertTrue(first > 1000, "the load makes many run-queue waits: " + first);
            assertTrue(second > 0, "a machine is never idle for a whole second");
            assertTrue(second < first / 2, "second interval counted from zero: first=" + first + " second=" + second);
        }
        assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void millisecondsOption(String engine) throws Exception {
        try (CliProcess cli = CliProcess.run(engine, Repo.cExample("runqlat"), "-m", "1", "1")) {
            assertEquals(0, cli.waitFor(Duration.ofSeconds(60)), cli.transcript());
            List<Histogram> hists = Log2Histograms.parse(cli.stdout());
            assertEquals(1, hists.size(), cli.transcript());
            assertEquals("msecs", hists.get(0).unit());
        }
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
