package org.wasmbpf.host.imports;

import java.nio.ByteBuffer;
import org.wasmbpf.host.GuestPointers;
import org.wasmbpf.host.bpf.GuestBpfObjects;
import org.wasmbpf.host.libbpf.Errno;
import org.wasmbpf.host.libbpf.SampleSink;
import org.wasmbpf.host.spi.GuestInstance;

/**
 * The body shared by both buffer-poll imports: copies each sample (at most {@code max_size}
 * bytes) to the guest's {@code data} buffer and calls the guest back with the size copied.
 */
final class GuestSampleDelivery implements SampleSink {
    /** How the guest is called back: by table index or through the TinyGo export. */
    @FunctionalInterface
    interface GuestCallback {
        int call(GuestInstance guest, int ctx, int data, int size);
    }

    private final GuestInstance guest;
    private final GuestCallback callback;
    private final int ctx;
    private final int data;
    private final int maxSize;
    /** The guest callback's non-zero result that ended the poll; passed to the guest untranslated. */
    private int callbackStop;

    private GuestSampleDelivery(GuestInstance guest, GuestCallback callback, int ctx, int data, int maxSize) {
        this.guest = guest;
        this.callback = callback;
        this.ctx = ctx;
        this.data = data;
        this.maxSize = maxSize;
    }

    /**
     * Validates the data buffer, then polls. Returns the sample count, the callback's non-zero
     * result as the guest gave it, or a negative WASI errno.
     */
    static int poll(GuestBpfObjects state, GuestInstance guest, GuestCallback callback,
            long handle, int fd, int ctx, int data, int maxSize, int timeoutMs) {
        try {
            GuestPointers.checkRange(guest.memory(), data, maxSize);
            if (maxSize < 0) {
                return WasiErrno.fromLinux(-Errno.EINVAL);
            }
            GuestSampleDelivery delivery = new GuestSampleDelivery(guest, callback, ctx, data, maxSize);
            int result = state.poll(handle, fd, timeoutMs, delivery);
            return delivery.callbackStop != 0 ? delivery.callbackStop : WasiErrno.fromLinux(result);
        } catch (GuestPointers.InvalidPointerException e) {
            return WasiErrno.fromLinux(-e.errno());
        }
    }

    @Override
    public int accept(ByteBuffer sample) {
        int size = Math.min(sample.remaining(), maxSize);
        byte[] copy = new byte[size];
        sample.duplicate().get(copy);
        // Memory may have grown (never shrunk) during an earlier callback: re-validated here.
        GuestPointers.write(guest.memory(), data, copy);
        int result = callback.call(guest, ctx, data, size);
        if (result != 0) {
            callbackStop = result;
        }
        return result;
    }
}
