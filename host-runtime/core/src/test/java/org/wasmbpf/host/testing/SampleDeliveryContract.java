package org.wasmbpf.host.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.wasmbpf.host.spi.ValType.I32;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.wasmbpf.host.spi.GuestConfig;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.HostFunction;
import org.wasmbpf.host.spi.SampleCallback;
import org.wasmbpf.host.spi.SampleDelivery;
import org.wasmbpf.host.spi.WasmBackend;

/**
 * {@link GuestInstance#deliverSamples} as every engine must do it, however it gets the samples in
 * (Wasmtime batches them through trampolines, Chicory calls once per sample): called from inside
 * a host import, as wasm_bpf_buffer_poll calls it, each sample reaches the callback at
 * {@code data}, in order, truncated to the buffer, and the first non-zero result stops the
 * delivery and is counted. {@code testguest.c}'s callback counts and hashes what it finds at
 * {@code data}. An engine's test extends this with its backend.
 */
public abstract class SampleDeliveryContract {
    private static final int BUFFER = 256 * 1024;

    /** The two callback conventions: a table entry (C, Rust) and TinyGo's export, which Java guests use too. */
    public enum Convention {
        TABLE, GO_CALLBACK;

        SampleCallback callback(int tableIndex) {
            return this == TABLE ? SampleCallback.table(tableIndex) : SampleCallback.export("go-callback");
        }
    }

    /** What the host's deliverSamples returned and what the guest printed after the poll. */
    private record Outcome(SampleDelivery delivery, String out) {}

    protected abstract WasmBackend backend();

    static Stream<Arguments> conventionsAndCounts() {
        return Stream.of(Convention.values())
                .flatMap(c -> Stream.of(1, 2, 10, 1000).map(n -> Arguments.of(c, n)));
    }

    @ParameterizedTest
    @MethodSource("conventionsAndCounts")
    void everySampleReachesTheCallbackAtDataInOrder(Convention convention, int n) {
        List<byte[]> samples = Samples.numbered(n);
        Outcome o = deliver(convention, samples, BUFFER, -1);
        assertEquals(new SampleDelivery(n, 0), o.delivery());
        assertEquals("result=" + n + " count=" + n + " checksum=" + Samples.checksum(samples, n, BUFFER) + "\n", o.out());
    }

    @ParameterizedTest
    @EnumSource(Convention.class)
    void theFirstNonZeroResultStopsTheDeliveryAndSaysHowManyRan(Convention convention) {
        List<byte[]> samples = Samples.numbered(10);
        Outcome o = deliver(convention, samples, BUFFER, 5);
        assertEquals(new SampleDelivery(6, 42), o.delivery());
        assertEquals("result=42 count=6 checksum=" + Samples.checksum(samples, 6, BUFFER) + "\n", o.out());
    }

    @ParameterizedTest
    @EnumSource(Convention.class)
    void aSmallBufferTruncatesOversizedSamples(Convention convention) {
        // On Wasmtime, also many batches, the oversized sample sent alone.
        List<byte[]> samples = Samples.numbered(1000);
        samples.set(500, new byte[5000]); // larger than the buffer
        Outcome o = deliver(convention, samples, 1000, -1);
        assertEquals(new SampleDelivery(1000, 0), o.delivery());
        assertEquals("result=1000 count=1000 checksum=" + Samples.checksum(samples, 1000, 1000) + "\n", o.out());
    }

    @ParameterizedTest
    @EnumSource(Convention.class)
    void aLateStopCountsEverySampleBeforeIt(Convention convention) {
        // On Wasmtime, a stop in a later batch than the first.
        List<byte[]> samples = Samples.numbered(300);
        Outcome o = deliver(convention, samples, 1000, 250);
        assertEquals(new SampleDelivery(251, 42), o.delivery());
        assertEquals("result=42 count=251 checksum=" + Samples.checksum(samples, 251, 1000) + "\n", o.out());
    }

    /** Runs the guest's "deliver" mode, which polls once through {@code test.deliver} and prints what it saw. */
    private Outcome deliver(Convention convention, List<byte[]> samples, int maxSize, int stopAt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = stopAt < 0 ? TestGuests.args("deliver") : TestGuests.args("deliver", "" + stopAt);
        GuestConfig config = new GuestConfig(args, Map.of(), new ByteArrayInputStream(new byte[0]), out, err);
        SampleDelivery[] got = new SampleDelivery[1];
        HostFunction deliver = deliverImport(convention, samples, maxSize, got);
        try (GuestInstance guest = backend().instantiate(TestGuests.build("testguest"), config, List.of(deliver))) {
            assertEquals(0, guest.runStart(), err.toString(StandardCharsets.UTF_8));
        }
        return new Outcome(got[0], out.toString(StandardCharsets.UTF_8));
    }

    /**
     * {@code test.deliver(sample_func, ctx, data, max_size)}: hands the samples over with at most
     * {@code maxSize} bytes of the guest's buffer, records the outcome in {@code got[0]} and
     * returns the callback's result, or the count when all returned 0.
     */
    private static HostFunction deliverImport(Convention convention, List<byte[]> samples, int maxSize, SampleDelivery[] got) {
        return new HostFunction("test", "deliver", List.of(I32, I32, I32, I32), List.of(I32), (g, a) -> {
            assertEquals(BUFFER, (int) a[3]);
            got[0] = g.deliverSamples(convention.callback((int) a[0]), (int) a[1], (int) a[2], maxSize, Samples.batch(samples));
            return new long[] {got[0].result() != 0 ? got[0].result() : got[0].delivered()};
        });
    }
}
