package org.wasmbpf.guest;

import org.teavm.interop.Address;
import org.teavm.interop.Export;

/**
 * A consumer of a ring buffer or perf event array map. {@link #poll} waits for samples; the host
 * copies each one into this buffer's memory and calls the {@link Handler} with its address and size,
 * before the next. Several buffers may be open at once, also on maps of the same object.
 *
 * <p>The host reaches the handler through the export {@code go-callback(ctx, data, size)} (the
 * TinyGo convention of the wasm-bpf ABI); {@code ctx} says which buffer the sample is for.
 */
public final class BpfBuffer implements AutoCloseable {
    /** Receives one sample; returns 0 to go on, anything else to end this poll with that value. */
    @FunctionalInterface
    public interface Handler {
        int onSample(Address data, int size);
    }

    /** What {@link #poll} returns when the host is stopping the run (its -EINTR). */
    public static final int STOPPED = -1;

    /** A perf sample's size is a 16-bit field, and a ring buffer's record seldom needs more. */
    public static final int DEFAULT_SAMPLE_MAX = 64 * 1024;

    /**
     * Open buffers; a buffer's ctx is its index + 1, so a stray ctx of 0 matches none. Made by the
     * first open, not by a static initializer: a class that has one is checked for initialization
     * at the top of every static method, so in {@link #goCallback} on every sample.
     */
    private static BpfBuffer[] open;

    /** Written after each poll so that the sample array stays pinned during it; see {@link #poll}. */
    private static byte[] lastPolled;

    private final BpfObject object;
    private final String mapName;
    private final int fd;
    private final Handler handler;
    private final int ctx;
    private byte[] data;
    private Throwable failure;

    private BpfBuffer(BpfObject object, String mapName, int fd, Handler handler, int sampleMax, int ctx) {
        this.object = object;
        this.mapName = mapName;
        this.fd = fd;
        this.handler = handler;
        this.data = new byte[sampleMax];
        this.ctx = ctx;
    }

    /** Opens a consumer on the object's map; samples larger than {@link #DEFAULT_SAMPLE_MAX} are cut. */
    public static BpfBuffer open(BpfObject object, String mapName, Handler handler) {
        return open(object, mapName, handler, DEFAULT_SAMPLE_MAX);
    }

    /** Opens a consumer whose samples are cut at {@code sampleMax} bytes (the handler gets the cut size). */
    public static BpfBuffer open(BpfObject object, String mapName, Handler handler, int sampleMax) {
        if (handler == null || sampleMax <= 0) {
            throw new IllegalArgumentException("buffer on map " + mapName + ": needs a handler and a sample size > 0");
        }
        int fd = object.mapFd(mapName);
        if (open == null) {
            open = new BpfBuffer[4];
        }
        int slot = 0;
        while (slot < open.length && open[slot] != null) {
            slot++;
        }
        if (slot == open.length) {
            BpfBuffer[] more = new BpfBuffer[open.length * 2];
            System.arraycopy(open, 0, more, 0, open.length);
            open = more;
        }
        BpfBuffer buffer = new BpfBuffer(object, mapName, fd, handler, sampleMax, slot + 1);
        open[slot] = buffer;
        return buffer;
    }

    /**
     * Waits up to {@code timeoutMs} for samples and hands every available one to the handler.
     *
     * @return the number of samples consumed, a handler's non-zero result, or {@link #STOPPED}
     * @throws BpfException when the host fails; a handler's exception is rethrown here
     */
    public int poll(int timeoutMs) {
        if (data == null) {
            throw new BpfException("polling closed buffer on map " + mapName, Errno.EBADF);
        }
        byte[] target = data;
        int result = WasmBpf.bufferPoll(object.handle(), fd, ctx, Address.ofData(target), target.length, timeoutMs);
        // The handler runs inside the call and may allocate, so the collector may run. It never moves
        // an object referenced from TeaVM's shadow stack, and target is there only if it is used
        // after the call (Address.pin is not enough: it compiles to nothing before liveness is known).
        lastPolled = target;
        Throwable thrown = failure;
        if (thrown != null) {
            failure = null;
            throw thrown instanceof RuntimeException ? (RuntimeException) thrown
                    : new RuntimeException(Exit.describe(thrown), thrown);
        }
        if (result == -Errno.EINTR) {
            return STOPPED;
        }
        return BpfException.check(result, "polling map " + mapName);
    }

    /**
     * Polls several buffers: the first waits up to {@code timeoutMs}, the others only take what is
     * there. Returns the samples consumed in all, or {@link #STOPPED} as soon as one says so.
     */
    public static int pollAll(int timeoutMs, BpfBuffer... buffers) {
        int total = 0;
        for (int i = 0; i < buffers.length; i++) {
            int n = buffers[i].poll(i == 0 ? timeoutMs : 0);
            if (n == STOPPED) {
                return STOPPED;
            }
            total += n;
        }
        return total;
    }

    /** Stops delivering to this buffer. The host frees its consumer when the object is closed. */
    @Override
    public void close() {
        if (data != null) {
            data = null;
            open[ctx - 1] = null;
        }
    }

    /** Forgets the buffers of an object being closed. */
    static void forget(BpfObject object) {
        if (open == null) {
            return;
        }
        for (BpfBuffer b : open) {
            if (b != null && b.object == object) {
                b.close();
            }
        }
    }

    /**
     * The host's callback for every sample. An exception cannot cross into the host, so it ends the
     * poll (result 1) and {@link #poll} rethrows it.
     */
    @Export(name = "go-callback")
    public static int goCallback(int ctx, int data, int size) {
        BpfBuffer[] all = open;
        BpfBuffer buffer = all != null && ctx > 0 && ctx <= all.length ? all[ctx - 1] : null;
        if (buffer == null) {
            return -Errno.EINVAL;
        }
        try {
            return buffer.handler.onSample(Address.fromInt(data), size);
        } catch (Throwable t) {
            buffer.failure = t;
            return 1;
        }
    }
}
