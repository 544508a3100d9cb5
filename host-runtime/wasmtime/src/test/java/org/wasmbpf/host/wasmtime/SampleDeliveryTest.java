package org.wasmbpf.host.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.wasmbpf.host.spi.SampleBatch;
import org.wasmbpf.host.spi.SampleCallback;
import org.wasmbpf.host.spi.SampleDelivery;
import org.wasmbpf.host.wasmtime.rewrite.WasmBinaryRewriter;
import org.wasmbpf.host.wasmtime.testing.GuestRun;
import org.wasmbpf.host.wasmtime.testing.TestGuests;

/**
 * Batched delivery through the trampolines ({@code __wasmbpf_deliver} for a table callback,
 * {@code __wasmbpf_deliver_go} for the {@code go-callback} export), called from inside a host
 * import as wasm_bpf_buffer_poll does. The guest counts and hashes what its callback sees.
 */
class SampleDeliveryTest {
    private static final int BUFFER = 256 * 1024;

    /** The two callback conventions; both batch. */
    enum Convention {
        TABLE, GO_CALLBACK;

        SampleCallback callback(int tableIndex) {
            return this == TABLE ? SampleCallback.table(tableIndex) : SampleCallback.export(WasmBinaryRewriter.GO_CALLBACK);
        }
    }

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

    static SampleBatch batch(List<byte[]> samples) {
        SampleBatch batch = new SampleBatch();
        samples.forEach(s -> batch.add(s, 0, s.length));
        return batch;
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

    private static String deliver(Convention convention, List<byte[]> samples, int maxSize, int stopAt,
            SampleDelivery[] got) {
        try (GuestRun run = new GuestRun(stopAt < 0 ? TestGuests.args("deliver") : TestGuests.args("deliver", "" + stopAt))) {
            run.onDeliver((g, f, c, d, m) -> {
                assertEquals(BUFFER, m);
                got[0] = g.deliverSamples(convention.callback(f), c, d, maxSize, batch(samples));
                return got[0].result() != 0 ? got[0].result() : got[0].delivered();
            });
            assertEquals(0, run.run());
            return run.out();
        }
    }

    static Stream<Arguments> conventionsAndCounts() {
        return Stream.of(Convention.values())
                .flatMap(c -> Stream.of(1, 2, 10, 1000).map(n -> Arguments.of(c, n)));
    }

    @ParameterizedTest
    @MethodSource("conventionsAndCounts")
    void everySampleReachesTheCallbackAtData(Convention convention, int n) {
        List<byte[]> samples = samples(n);
        SampleDelivery[] got = new SampleDelivery[1];
        String out = deliver(convention, samples, BUFFER, -1, got);
        assertEquals(new SampleDelivery(n, 0), got[0]);
        assertEquals("result=" + n + " count=" + n + " checksum=" + checksum(samples, n, BUFFER) + "\n", out);
    }

    @ParameterizedTest
    @EnumSource(Convention.class)
    void firstNonZeroResultStopsTheBatchAndSaysHowManyRan(Convention convention) {
        List<byte[]> samples = samples(10);
        SampleDelivery[] got = new SampleDelivery[1];
        String out = deliver(convention, samples, BUFFER, 5, got);
        assertEquals(new SampleDelivery(6, 42), got[0]);
        assertEquals("result=42 count=6 checksum=" + checksum(samples, 6, BUFFER) + "\n", out);
    }

    @ParameterizedTest
    @EnumSource(Convention.class)
    void smallBufferSplitsIntoManyBatchesAndTruncatesOversizedSamples(Convention convention) {
        List<byte[]> samples = samples(1000);
        samples.set(500, new byte[5000]); // larger than the buffer: truncated, sent alone
        SampleDelivery[] got = new SampleDelivery[1];
        String out = deliver(convention, samples, 1000, -1, got);
        assertEquals(new SampleDelivery(1000, 0), got[0]);
        assertEquals("result=1000 count=1000 checksum=" + checksum(samples, 1000, 1000) + "\n", out);
    }

    @ParameterizedTest
    @EnumSource(Convention.class)
    void stopInALaterBatchCountsEarlierBatches(Convention convention) {
        List<byte[]> samples = samples(300);
        SampleDelivery[] got = new SampleDelivery[1];
        String out = deliver(convention, samples, 1000, 250, got);
        assertEquals(new SampleDelivery(251, 42), got[0]);
        assertEquals("result=42 count=251 checksum=" + checksum(samples, 251, 1000) + "\n", out);
    }
}
