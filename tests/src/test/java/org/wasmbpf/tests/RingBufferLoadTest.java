package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jnr.ffi.LibraryLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wasmbpf.host.RunningGuest;
import org.wasmbpf.host.WasmBpfHost;
import org.wasmbpf.tests.support.Engines;
import org.wasmbpf.tests.support.KernelObjects;
import org.wasmbpf.tests.support.LineCollector;
import org.wasmbpf.tests.support.TestBpfObjects;
import org.wasmbpf.tests.support.TestGuests;

/**
 * Issue 6, item 6: two million ring-buffer samples through a guest inside this JVM, produced by
 * this JVM's own getppid() calls in fast bursts (see {@link #generate}). Every sample must arrive, whole
 * and in order, none refused by a full ring, and the host's heap after the run must be what it
 * was once the guest was warm: the per-sample path keeps nothing.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RingBufferLoadTest {
    private static final int SAMPLES = 2_000_000;
    /** The guest reports every 50,000 samples; the generator keeps within two bursts of that. */
    private static final int BURST = 50_000;
    /** Measured after this many samples, when the JIT and the batch buffers are warm. */
    private static final int WARM = 250_000;
    /** Retained heap may move this much between warm and the end (GC noise); a per-sample leak of 8 bytes is 14 MiB. */
    private static final long HEAP_SLACK = 4L << 20;
    private static final Duration LINE = Duration.ofSeconds(60);

    /** getppid() of this process: the event the BPF program counts. */
    public interface Libc {
        int getppid();
    }

    private static Path guest;
    private static Libc libc;

    @BeforeAll
    static void build() throws Exception {
        guest = TestGuests.build("ring_load", TestBpfObjects.header());
        libc = LibraryLoader.create(Libc.class).load("c");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void twoMillionSamplesArriveWithNoneLostAndTheHeapStaysFlat(String engine) throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        LineCollector out = new LineCollector();
        LineCollector err = new LineCollector();
        RunningGuest run = WasmBpfHost.builder().backend(Engines.backend(engine))
                .args(List.of(Long.toString(ProcessHandle.current().pid()), Integer.toString(SAMPLES)))
                .stdout(out).stderr(err).build().start(guest);
        out.awaitLine("ready"::equals, LINE);

        Thread generator = new Thread(() -> generate(out), "getppid-generator");
        generator.start();
        out.awaitLine(("progress " + WARM)::equals, LINE);
        long warmHeap = retainedHeap();
        generator.join();
        String result = out.awaitLine(l -> l.startsWith("consumed="), LINE);
        long endHeap = retainedHeap();

        assertEquals("consumed=" + SAMPLES + " lost=0 kernel_drops=0 bad=0", result, "stderr: " + err.lines());
        assertEquals(0, run.waitFor(), "stderr: " + err.lines());
        assertTrue(endHeap - warmHeap < HEAP_SLACK, "retained heap grew from " + warmHeap + " to " + endHeap
                + " bytes over " + (SAMPLES - WARM) + " samples");
        assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
    }

    /**
     * Calls getppid() as fast as it can, in bursts of {@link #BURST}, never more than two bursts
     * ahead of what the guest reported consumed: at most 7 MiB in flight, under half the ring,
     * so a consumer descheduled by other work on the machine cannot overflow it, while every
     * sample still crosses the host at full speed.
     */
    private static void generate(LineCollector out) {
        try {
            for (int burst = 0; burst < SAMPLES / BURST; burst++) {
                if (burst >= 2) {
                    String consumed = "progress " + (burst - 1) * BURST;
                    out.awaitLine(consumed::equals, LINE);
                }
                for (int i = 0; i < BURST; i++) {
                    libc.getppid();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Heap in use after full collections: what the host keeps, not what it has yet to collect. */
    private static long retainedHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
