package org.wasmbpf.host.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wasmbpf.host.GuestPointers;
import org.wasmbpf.host.spi.SampleBatch;
import org.wasmbpf.host.spi.SampleCallback;
import org.wasmbpf.host.testing.Samples;
import org.wasmbpf.host.testing.TestGuests;
import org.wasmbpf.host.wasmtime.testing.GuestRun;

/**
 * Measures (prints, does not time-assert) the cost per sample of one poll that finds n samples,
 * batched through the trampoline and one crossing per sample, with the samples already staged
 * on the host (no kernel; {@code RealPollDeliveryCostTest} measures through the real poll). Asserts every sample arrived.
 */
class DeliveryCostTest {
    private static final int ROUNDS = 2000;

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 1000})
    void perSampleCostOfOnePoll(int n) {
        List<byte[]> samples = Samples.numbered(n);
        SampleBatch batch = Samples.batch(samples);
        int rounds = Math.max(20, ROUNDS / n * 10);
        long[] nanos = new long[2];
        try (GuestRun run = new GuestRun(TestGuests.args("deliver"))) {
            run.onDeliver((g, f, c, d, m) -> {
                for (int warm = 0; warm < 2; warm++) {
                    long t0 = System.nanoTime();
                    for (int r = 0; r < rounds; r++) {
                        assertEquals(n, g.deliverSamples(SampleCallback.table(f), c, d, m, batch).delivered());
                    }
                    long t1 = System.nanoTime();
                    for (int r = 0; r < rounds; r++) {
                        for (byte[] s : samples) {
                            GuestPointers.write(g.memory(), d, s);
                            g.callSampleCallback(f, c, d, s.length);
                        }
                    }
                    nanos[0] = t1 - t0;
                    nanos[1] = System.nanoTime() - t1;
                }
                return 0;
            });
            assertEquals(0, run.run());
            long total = 4L * rounds * n;
            assertEquals("result=0 count=" + total, run.out().substring(0, run.out().indexOf(" checksum")));
        }
        double batched = nanos[0] / 1000.0 / rounds / n;
        double single = nanos[1] / 1000.0 / rounds / n;
        System.out.printf("[wasmtime] %4d samples/poll: batched %.2f us/sample, one crossing per sample %.2f us/sample%n",
                n, batched, single);
    }
}
