package org.wasmbpf.host.imports;

import java.nio.ByteBuffer;
import org.wasmbpf.host.GuestPointers;
import org.wasmbpf.host.bpf.GuestBpfObjects;
import org.wasmbpf.host.libbpf.BpfException;
import org.wasmbpf.host.libbpf.Errno;
import org.wasmbpf.host.libbpf.SampleSink;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.InGuestDelivery;
import org.wasmbpf.host.spi.SampleCallback;
import org.wasmbpf.host.spi.SampleDelivery;
import org.wasmbpf.host.spi.StagedSampleLayout;

/**
 * The body shared by both buffer-poll imports: the samples of a poll reach the guest through
 * {@link GuestInstance#deliverSamples}, each copied to the guest's {@code data} buffer (at most
 * {@code max_size} bytes) before the callback is called with the size copied. The engine decides
 * how many guest crossings that takes; an engine with cheap calls takes each sample as the buffer
 * is read ({@link GuestInstance#sampleSink}), the others in batches.
 */
final class GuestSampleDelivery {
    private GuestSampleDelivery() {}

    /**
     * Validates the data buffer, then polls. The import's result: the sample count, the
     * callback's non-zero result as the guest gave it, or a negative WASI errno.
     */
    static long[] poll(GuestBpfObjects state, GuestInstance guest, SampleCallback callback, StagedSampleLayout layout,
            long handle, int fd, int ctx, int data, int maxSize, int timeoutMs) {
        if (InGuestDelivery.flagged(maxSize) && guest.deliversStagedSamples()) {
            return staged(state, guest, layout, handle, fd, data, maxSize, timeoutMs);
        }
        int[] callbackStop = new int[1];
        int result;
        try {
            // Checked once per poll: memory never shrinks, so the range stays valid in callbacks.
            long memorySize = GuestPointers.checkRange(guest.memory(), data, maxSize);
            if (maxSize < 0) {
                return ImportResults.guestResult(-Errno.EINVAL);
            }
            state.stats().memorySize(memorySize);
            SampleSink engineSink = guest.sampleSink(callback, ctx, data, maxSize);
            CountingSink direct = engineSink == null ? null : new CountingSink(engineSink, callbackStop);
            try {
                result = state.poll(handle, fd, timeoutMs, samples -> {
                    SampleDelivery d = guest.deliverSamples(callback, ctx, data, maxSize, samples);
                    callbackStop[0] = d.result();
                    return d;
                }, direct);
            } finally {
                if (direct != null) {
                    direct.report(state);
                }
            }
        } catch (GuestPointers.InvalidPointerException e) {
            result = -e.errno();
        } catch (BpfException e) {
            result = -e.errno();
        }
        // The guest callback's result goes back untranslated; only the host's errnos are mapped.
        return callbackStop[0] != 0 ? ImportResults.i32(callbackStop[0]) : ImportResults.guestResult(result);
    }

    /**
     * A call from the guest's poll wrapper ({@link InGuestDelivery}): the samples are staged in
     * {@code data}, not delivered. {@code last} is the poll's timeout, or in a report the
     * callback result that ended the guest's delivery.
     */
    private static long[] staged(GuestBpfObjects state, GuestInstance guest, StagedSampleLayout layout,
            long handle, int fd, int data, int flaggedMaxSize, int last) {
        int maxSize = flaggedMaxSize & ~InGuestDelivery.FLAGS;
        int result;
        try {
            long memorySize = GuestPointers.checkRange(guest.memory(), data, maxSize);
            state.stats().memorySize(memorySize);
            GuestSampleStager stager = new GuestSampleStager(guest.memory(), layout, data, maxSize);
            result = (flaggedMaxSize & InGuestDelivery.REPORT) != 0
                    ? state.reportStaged(handle, fd, last, stager)
                    : state.pollStaged(handle, fd, last, stager);
        } catch (GuestPointers.InvalidPointerException e) {
            result = -e.errno();
        } catch (BpfException e) {
            result = -e.errno();
        }
        // A report that ends with a callback's result gets it back, but the wrapper returns its own copy.
        return result < InGuestDelivery.RESULT_MIN ? ImportResults.i32(result) : ImportResults.guestResult(result);
    }

    /**
     * Counts what an engine's per-sample sink delivered, for the guest's stats: the clock is read
     * at the first sample and once at the end, not per sample (a clock read costs more than a
     * sample's whole delivery), so the time also holds the reading of the buffer between samples.
     */
    private static final class CountingSink implements SampleSink {
        private final SampleSink target;
        private final int[] callbackStop;
        private int delivered;
        private long started;

        CountingSink(SampleSink target, int[] callbackStop) {
            this.target = target;
            this.callbackStop = callbackStop;
        }

        @Override
        public int accept(ByteBuffer sample) {
            if (delivered++ == 0) {
                started = System.nanoTime();
            }
            int r = target.accept(sample);
            if (r != 0) {
                callbackStop[0] = r;
            }
            return r;
        }

        void report(GuestBpfObjects state) {
            if (delivered > 0) {
                state.stats().delivered(delivered, System.nanoTime() - started);
            }
        }
    }
}
