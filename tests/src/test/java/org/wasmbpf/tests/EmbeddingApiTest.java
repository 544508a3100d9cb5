package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.wasmbpf.host.RunningGuest;
import org.wasmbpf.host.WasmBpfHost;
import org.wasmbpf.tests.support.Engines;
import org.wasmbpf.tests.support.KernelObjects;
import org.wasmbpf.tests.support.LineCollector;
import org.wasmbpf.tests.support.Repo;
import org.wasmbpf.tests.support.TestGuests;

/** The host embedded in this JVM: guests started, watched and stopped through the Java API. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddingApiTest {
    private static final Duration EVENT = Duration.ofSeconds(20);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void bootstrapStreamsEventsAndStopsCleanly(String engine) throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        LineCollector out = new LineCollector();
        LineCollector err = new LineCollector();
        RunningGuest guest = host(engine, List.of(), out, err).start(Repo.cExample("bootstrap"));
        awaitHeader(guest, out, err);

        Process p = new ProcessBuilder("sh", "-c", "exit 7").start();
        assertEquals(7, p.waitFor());
        String exit = out.awaitLine(l -> l.contains(" EXIT ") && l.contains(" " + p.pid() + " ") && l.contains("[7]"), EVENT);
        assertTrue(exit.contains(" " + ProcessHandle.current().pid() + " "), "the parent is this JVM: " + exit);

        guest.stop();
        assertEquals(0, guest.waitFor(), "bootstrap ends its poll loop on -EINTR and returns 0\n" + err.lines());
        assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void aSecondGuestCannotReachTheFirstGuestsMaps(String engine) throws Exception {
        LineCollector firstOut = new LineCollector();
        LineCollector firstErr = new LineCollector();
        RunningGuest first = host(engine, List.of(), firstOut, firstErr).start(Repo.cExample("bootstrap"));
        awaitHeader(first, firstOut, firstErr);

        // The first guest's maps are open fds of this JVM now; the second guest probes them all.
        LineCollector secondOut = new LineCollector();
        RunningGuest second = host(engine, List.of(), secondOut, new LineCollector())
                .start(TestGuests.build("foreign_fds"));
        assertEquals(0, second.waitFor(), String.join("\n", secondOut.lines()));
        assertTrue(secondOut.find(l -> l.equals("before load: probed 257 refused 257")).isPresent(),
                "the other guest's maps are refused:\n" + String.join("\n", secondOut.lines()));

        first.stop();
        assertEquals(0, first.waitFor());
    }

    /** bootstrap prints its header once its programs are attached. */
    private static void awaitHeader(RunningGuest guest, LineCollector out, LineCollector err) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (out.find(l -> l.startsWith("TIME ")).isEmpty()) {
            if (!guest.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no header; exit " + guest.exitCode() + "\nstdout: " + out.lines()
                        + "\nstderr: " + err.lines());
            }
            Thread.sleep(20);
        }
    }

    private static WasmBpfHost host(String engine, List<String> args, LineCollector out, LineCollector err) {
        return WasmBpfHost.builder().backend(Engines.backend(engine)).args(args).stdout(out).stderr(err).build();
    }
}
