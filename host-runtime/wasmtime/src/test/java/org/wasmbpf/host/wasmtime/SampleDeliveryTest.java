package org.wasmbpf.host.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.wasmbpf.host.wasmtime.testing.GuestRun;
import org.wasmbpf.host.wasmtime.testing.TestGuests;

/**
 * Batched delivery through the {@code __wasmbpf_deliver} trampoline, called from inside a host
 * import as wasm_bpf_buffer_poll does. The guest counts and hashes what its callback sees.
 */
class SampleDeliveryTest {
    private static final int BUFFER = 256 * 1024;

    /** n samples: a 4-byte little-endian sequence number, then 12..75 bytes of pattern. */
    static List<byte[]> samples(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] s = new byte[16 + (i * 7) % 64];
            s[0] = (byte) i;
            s[1] = (byte) (i >> 8);
            s[2] = (byte) (i >> 16);
            s[3] = (byte) (i >> 24);
            for (int k = 4; k < s.length; k++) {
                s[k] = (byte) (i * 13 + k);
            }
            out.add(s);
        }
        return out;
    }

    /** The guest's hash over the first {@code count} samples, each truncated to {@code max}. */
    static String checksum(List<byte[]> samples, int count, int max) {
        int h = 0;
        for (int i = 0; i < count; i++) {
            byte[] s = samples.get(i);
            for (int k = 0; k < Math.min(s.length, max); k++) {
                h = h * 31 + (s[k] & 0xff);
            }
        }
        return Integer.toUnsignedString(h);
    }

    private static String deliver(List<byte[]> samples, int maxSize, int stopAt, SampleBatcher.Delivery[] got) {
        try (GuestRun run = new GuestRun(stopAt < 0 ? TestGuests.args("deliver") : TestGuests.args("deliver", "" + stopAt))) {
            run.onDeliver((g, f, c, d, m) -> {
                assertEquals(BUFFER, m);
                got[0] = g.deliverSamples(f, c, d, maxSize, samples);
                return got[0].result() != 0 ? got[0].result() : got[0].delivered();
            });
            assertEquals(0, run.run());
            return run.out();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 1000})
    void everySampleReachesTheCallbackAtData(int n) {
        List<byte[]> samples = samples(n);
        SampleBatcher.Delivery[] got = new SampleBatcher.Delivery[1];
        String out = deliver(samples, BUFFER, -1, got);
        assertEquals(new SampleBatcher.Delivery(n, 0), got[0]);
        assertEquals("result=" + n + " count=" + n + " checksum=" + checksum(samples, n, BUFFER) + "\n", out);
    }

    @Test
    void firstNonZeroResultStopsTheBatchAndSaysHowManyRan() {
        List<byte[]> samples = samples(10);
        SampleBatcher.Delivery[] got = new SampleBatcher.Delivery[1];
        String out = deliver(samples, BUFFER, 5, got);
        assertEquals(new SampleBatcher.Delivery(6, 42), got[0]);
        assertEquals("result=42 count=6 checksum=" + checksum(samples, 6, BUFFER) + "\n", out);
    }

    @Test
    void smallBufferSplitsIntoManyBatchesAndTruncatesOversizedSamples() {
        List<byte[]> samples = samples(1000);
        samples.set(500, new byte[5000]); // larger than the buffer: truncated, sent alone
        SampleBatcher.Delivery[] got = new SampleBatcher.Delivery[1];
        String out = deliver(samples, 1000, -1, got);
        assertEquals(new SampleBatcher.Delivery(1000, 0), got[0]);
        assertEquals("result=1000 count=1000 checksum=" + checksum(samples, 1000, 1000) + "\n", out);
    }

    @Test
    void stopInALaterBatchCountsEarlierBatches() {
        List<byte[]> samples = samples(300);
        SampleBatcher.Delivery[] got = new SampleBatcher.Delivery[1];
        String out = deliver(samples, 1000, 250, got);
        assertEquals(new SampleBatcher.Delivery(251, 42), got[0]);
        assertEquals("result=42 count=251 checksum=" + checksum(samples, 251, 1000) + "\n", out);
    }
}
