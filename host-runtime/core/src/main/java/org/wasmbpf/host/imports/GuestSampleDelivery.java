package org.wasmbpf.host.imports;

import org.wasmbpf.host.GuestPointers;
import org.wasmbpf.host.bpf.GuestBpfObjects;
import org.wasmbpf.host.libbpf.BpfException;
import org.wasmbpf.host.libbpf.Errno;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.SampleCallback;
import org.wasmbpf.host.spi.SampleDelivery;

/**
 * The body shared by both buffer-poll imports: the samples of a poll reach the guest through
 * {@link GuestInstance#deliverSamples}, each copied to the guest's {@code data} buffer (at most
 * {@code max_size} bytes) before the callback is called with the size copied. The engine decides
 * how many guest crossings that takes.
 */
final class GuestSampleDelivery {
    private GuestSampleDelivery() {}

    /**
     * Validates the data buffer, then polls. The import's result: the sample count, the
     * callback's non-zero result as the guest gave it, or a negative WASI errno.
     */
    static long[] poll(GuestBpfObjects state, GuestInstance guest, SampleCallback callback,
            long handle, int fd, int ctx, int data, int maxSize, int timeoutMs) {
        int[] callbackStop = new int[1];
        int result;
        try {
            // Checked once per poll: memory never shrinks, so the range stays valid in callbacks.
            long memorySize = GuestPointers.checkRange(guest.memory(), data, maxSize);
            if (maxSize < 0) {
                return ImportResults.guestResult(-Errno.EINVAL);
            }
            state.stats().memorySize(memorySize);
            result = state.poll(handle, fd, timeoutMs, samples -> {
                long started = System.nanoTime();
                SampleDelivery d = guest.deliverSamples(callback, ctx, data, maxSize, samples);
                state.stats().delivered(d.delivered(), System.nanoTime() - started);
                callbackStop[0] = d.result();
                return d;
            });
        } catch (GuestPointers.InvalidPointerException e) {
            result = -e.errno();
        } catch (BpfException e) {
            result = -e.errno();
        }
        // The guest callback's result goes back untranslated; only the host's errnos are mapped.
        return callbackStop[0] != 0 ? ImportResults.i32(callbackStop[0]) : ImportResults.guestResult(result);
    }
}
