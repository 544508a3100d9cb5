package org.wasmbpf.host.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wasmbpf.host.spi.ValType.I32;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.wasmbpf.host.libbpf.SampleSink;
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
    private static final int PAGE = 64 * 1024;

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

    /** Whether the engine takes samples one by one as a buffer is read ({@link GuestInstance#sampleSink}). */
    protected abstract boolean takesSamplesAsRead();

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

    @ParameterizedTest
    @MethodSource("conventionsAndCounts")
    void samplesTakenAsTheBufferIsReadReachTheCallbackInOrder(Convention convention, int n) {
        List<byte[]> samples = Samples.numbered(n);
        Outcome o = deliverAsRead(convention, samples, 1000, -1, 0);
        assertEquals(new SampleDelivery(n, 0), o.delivery());
        assertEquals("result=" + n + " count=" + n + " checksum=" + Samples.checksum(samples, n, 1000) + "\n", o.out());
    }

    @ParameterizedTest
    @EnumSource(Convention.class)
    void samplesTakenAsReadStopAtTheFirstNonZeroResult(Convention convention) {
        List<byte[]> samples = Samples.numbered(300);
        Outcome o = deliverAsRead(convention, samples, 1000, 250, 0);
        assertEquals(new SampleDelivery(251, 42), o.delivery());
        assertEquals("result=42 count=251 checksum=" + Samples.checksum(samples, 251, 1000) + "\n", o.out());
    }

    @ParameterizedTest
    @EnumSource(Convention.class)
    void samplesTakenAsReadCrossAMemoryPageWhole(Convention convention) {
        // data 5 bytes before a 64 KiB page ends: every sample (16..79 bytes) straddles two pages.
        List<byte[]> samples = Samples.numbered(100);
        samples.set(50, new byte[5000]);
        Outcome o = deliverAsRead(convention, samples, 1000, -1, 5);
        assertEquals(new SampleDelivery(100, 0), o.delivery());
        assertEquals("result=100 count=100 checksum=" + Samples.checksum(samples, 100, 1000) + "\n", o.out());
    }

    /** Runs the guest's "deliver" mode, which polls once through {@code test.deliver} and prints what it saw. */
    private Outcome deliver(Convention convention, List<byte[]> samples, int maxSize, int stopAt) {
        return run(stopAt, got -> deliverImport(convention, samples, maxSize, got));
    }

    /**
     * As {@link #deliver}, through the engine's {@link GuestInstance#sampleSink} (each sample a
     * buffer view, as a consumer reading the kernel's buffer passes it) where the engine has one,
     * else through deliverSamples; with {@code beforePageEnd} > 0, {@code data} is moved to that
     * many bytes before the end of a memory page inside the guest's buffer.
     */
    private Outcome deliverAsRead(Convention convention, List<byte[]> samples, int maxSize, int stopAt, int beforePageEnd) {
        return run(stopAt, got -> new HostFunction("test", "deliver", List.of(I32, I32, I32, I32), List.of(I32), (g, a) -> {
            int data = (int) a[2];
            if (beforePageEnd > 0) {
                data = (data / PAGE + 1) * PAGE - beforePageEnd;
                assertTrue(data + maxSize <= (int) a[2] + BUFFER, "the moved buffer stays in the guest's");
            }
            SampleCallback callback = convention.callback((int) a[0]);
            SampleSink sink = g.sampleSink(callback, (int) a[1], data, maxSize);
            assertEquals(takesSamplesAsRead(), sink != null, "whether the engine takes samples as read");
            if (sink == null) {
                got[0] = g.deliverSamples(callback, (int) a[1], data, maxSize, Samples.batch(samples));
            } else {
                got[0] = new SampleDelivery(samples.size(), 0);
                for (int i = 0; i < samples.size(); i++) {
                    ByteBuffer view = ByteBuffer.allocateDirect(samples.get(i).length + 16);
                    view.position(8).put(samples.get(i)).flip().position(8);
                    int r = sink.accept(view);
                    if (r != 0) {
                        got[0] = new SampleDelivery(i + 1, r);
                        break;
                    }
                }
            }
            return new long[] {got[0].result() != 0 ? got[0].result() : got[0].delivered()};
        }));
    }

    private Outcome run(int stopAt, Function<SampleDelivery[], HostFunction> deliverImport) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = stopAt < 0 ? TestGuests.args("deliver") : TestGuests.args("deliver", "" + stopAt);
        GuestConfig config = new GuestConfig(args, Map.of(), new ByteArrayInputStream(new byte[0]), out, err);
        SampleDelivery[] got = new SampleDelivery[1];
        HostFunction deliver = deliverImport.apply(got);
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
