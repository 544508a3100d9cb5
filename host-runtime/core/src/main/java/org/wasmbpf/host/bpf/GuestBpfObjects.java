package org.wasmbpf.host.bpf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.wasmbpf.host.GuestStats;
import org.wasmbpf.host.libbpf.BpfException;
import org.wasmbpf.host.libbpf.BpfMapInfo;
import org.wasmbpf.host.libbpf.BpfMaps;
import org.wasmbpf.host.libbpf.BpfObject;
import org.wasmbpf.host.libbpf.BufferConsumer;
import org.wasmbpf.host.libbpf.Errno;
import org.wasmbpf.host.libbpf.SampleSink;

/**
 * The BPF objects one guest loaded. The guest sees opaque handles counted from 1 and may use
 * only the map fds of its own objects. Buffer consumers are per (object, map fd), opened on the
 * first poll, each with its queue of samples taken from the ring but not yet delivered (see
 * {@link BufferPoller}). {@link #requestStop} makes every running and later poll fail with EINTR within
 * {@link #POLL_SLICE_MS}; {@link #closeAll} (the host calls it on every exit path) releases
 * everything. Both may be called from another thread (a signal handler) while the guest polls.
 *
 * <p>Failures are {@link BpfException}s carrying a Linux errno, as the libbpf layer's are; the
 * imports turn them into the guest's result. Only two results carry a negative errno instead, as
 * the C API they stand for does: a map command's ({@link BpfMaps}) and a poll's, whose result
 * shares its value with the guest callback's.
 */
public final class GuestBpfObjects implements AutoCloseable {
    /**
     * The longest a poll waits before it checks for a stop: a stop (SIGINT, serve's DELETE and
     * hot update) is seen within this. 20 ms, where 100 made half of serve's 160 ms update; an
     * idle guest wakes 50 times a second for it.
     */
    public static final int POLL_SLICE_MS = 20;
    /** Object name when the host gives none; prefixes internal map names ("wasm_bpf.rodata"). */
    public static final String DEFAULT_OBJECT_NAME = "wasm_bpf";

    /**
     * The name a module's objects get: the module file's, without directory and extension
     * ({@code bootstrap.wasm} loads object {@code bootstrap}). The ABI passes no name, and libbpf
     * names the object in its messages and in its internal maps' kernel names.
     */
    public static String objectNameFor(String moduleFileName) {
        return BpfObject.nameForFile(moduleFileName, DEFAULT_OBJECT_NAME);
    }

    /** Samples handed to the guest in one delivery at most; a poll that finds more makes several. */
    public static final int MAX_BATCH_SAMPLES = BufferPoller.MAX_SAMPLES;

    /** One map command, run while the map is guaranteed to stay open. */
    @FunctionalInterface
    public interface MapOperation {
        /** @return 0 or a negative errno, as libbpf's map commands return it */
        int apply(BpfMapInfo map);
    }

    private static final class Loaded {
        final BpfObject object;
        final Map<Integer, BpfMapInfo> maps = new HashMap<>();
        final Map<Integer, BufferPoller> pollers = new ConcurrentHashMap<>();

        Loaded(BpfObject object, List<BpfMapInfo> infos) {
            this.object = object;
            infos.forEach(m -> maps.put(m.fd(), m));
        }
    }

    private final String objectName;
    private final KernelBtfCache kernelBtf;
    // Read lock: using an object or fd; write lock: adding or removing objects. Never held while
    // waiting for samples, so close/closeAll cannot deadlock with a guest callback.
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Long, Loaded> objects = new HashMap<>();
    private final Map<Integer, BpfMapInfo> ownedMaps = new HashMap<>();
    private long nextHandle = 1;
    private volatile boolean stopping;
    private volatile long gatherNanos = BufferConsumer.DEFAULT_GATHER_NANOS;
    private final GuestStats stats = new GuestStats();

    public GuestBpfObjects() {
        this(DEFAULT_OBJECT_NAME);
    }

    /** @param objectName the name given to every object this guest loads (e.g. the module's name) */
    public GuestBpfObjects(String objectName) {
        this(objectName, null);
    }

    /**
     * @param objectName the name given to every object this guest loads (e.g. the module's name)
     * @param kernelBtf where objects find the kernel types their relocations need, or null to
     *     have libbpf read all of the kernel's on each load
     */
    public GuestBpfObjects(String objectName, KernelBtfCache kernelBtf) {
        this.objectName = objectName;
        this.kernelBtf = kernelBtf;
    }

    /** How long the buffer consumers opened from now on gather streaming samples (see {@link BufferConsumer#gatherFor}). */
    public void gatherFor(long nanos) {
        gatherNanos = nanos;
    }

    /**
     * Opens and loads an ELF object.
     *
     * @return its new handle, at least 1
     * @throws BpfException with libbpf's log tail when open or load fails (nothing stays loaded)
     */
    public long load(byte[] elf) {
        failIfStopping();
        BpfObject object = BpfObject.open(elf, objectName, kernelBtf == null ? null : kernelBtf.lookup(elf));
        Loaded loaded;
        try {
            object.load();
            loaded = new Loaded(object, object.maps());
        } catch (RuntimeException e) {
            object.close();
            throw e;
        }
        lock.writeLock().lock();
        try {
            if (stopping) {
                object.close();
                failIfStopping();
            }
            long handle = nextHandle++;
            objects.put(handle, loaded);
            ownedMaps.putAll(loaded.maps);
            return handle;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Attaches a program of the object; see {@link BpfObject#attach}. */
    public void attach(long handle, String program, String target) {
        failIfStopping();
        loaded(handle).object.attach(program, target);
    }

    /** The fd of a map of the object, by name or internal section name. */
    public int mapFd(long handle, String mapName) {
        return loaded(handle).object.mapFd(mapName);
    }

    /**
     * Runs {@code op} on a map this guest loaded and returns its result.
     *
     * @throws BpfException EBADF for any other fd
     */
    public int withMap(int fd, MapOperation op) {
        lock.readLock().lock();
        try {
            BpfMapInfo map = ownedMaps.get(fd);
            if (map == null) {
                throw new BpfException(Errno.EBADF, "fd " + fd + " is not a map this guest loaded");
            }
            return op.apply(map);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Polls the object's buffer map {@code fd} for up to {@code timeoutMs} (negative: until data
     * or stop), in slices so that a stop request is seen promptly. Samples left undelivered by
     * an earlier poll of the same map come first; the samples of one slice go to {@code sink}
     * together (in batches of at most {@link #MAX_BATCH_SAMPLES}). Where {@code direct} is given
     * and the buffer's consumer reads it in Java, samples go to {@code direct} one by one as
     * they are read instead, not staged for {@code sink}
     * ({@link org.wasmbpf.host.spi.GuestInstance#sampleSink}); null: batches only.
     *
     * @return samples delivered, the sink's first non-zero callback result, or the consumer's
     *     negative errno (-EBUSY from inside a callback of the same map)
     * @throws BpfException EINVAL for an unknown handle or a map that is no buffer, EBADF for an
     *     fd not of this object, EINTR once stopping
     */
    public int poll(long handle, int fd, int timeoutMs, SampleBatchSink sink, SampleSink direct) {
        return sliced(handle, fd, timeoutMs, (poller, slice) -> poller.poll(slice, sink, direct));
    }

    /**
     * As {@link #poll}, for a guest that delivers the samples itself
     * ({@link org.wasmbpf.host.spi.InGuestDelivery}): {@code stager} stages them in its memory and
     * the poll returns at once with the staged code.
     */
    public int pollStaged(long handle, int fd, int timeoutMs, SampleStager stager) {
        return sliced(handle, fd, timeoutMs, (poller, slice) -> poller.pollStaged(slice, stager));
    }

    /**
     * The guest delivered what {@link #pollStaged} (or an earlier report) staged, and the
     * callback result {@code result} ended it; stages more of the same poll, if any.
     *
     * @return as {@link #pollStaged}; {@code result} when it is not 0
     */
    public int reportStaged(long handle, int fd, int result, SampleStager stager) {
        failIfStopping();
        BufferPoller poller = poller(handle, fd);
        int r = poller.reportStaged(result, stager);
        stats.lost(poller.newlyLost());
        return r;
    }

    private interface SlicePoll {
        int poll(BufferPoller poller, int sliceMs);
    }

    private int sliced(long handle, int fd, int timeoutMs, SlicePoll op) {
        failIfStopping();
        BufferPoller poller = poller(handle, fd);
        long deadline = timeoutMs < 0 ? Long.MAX_VALUE : System.nanoTime() / 1_000_000 + timeoutMs;
        while (true) {
            long remaining = deadline == Long.MAX_VALUE ? POLL_SLICE_MS : deadline - System.nanoTime() / 1_000_000;
            int slice = (int) Math.max(0, Math.min(POLL_SLICE_MS, remaining));
            int result = op.poll(poller, slice);
            stats.lost(poller.newlyLost());
            failIfStopping();
            boolean lastSlice = deadline != Long.MAX_VALUE && remaining <= POLL_SLICE_MS;
            if (result != 0 || lastSlice) {
                return result;
            }
        }
    }

    /**
     * Closes one object: consumers, links, maps.
     *
     * @throws BpfException EINVAL for an unknown handle
     */
    public void close(long handle) {
        Loaded removed;
        lock.writeLock().lock();
        try {
            removed = objects.remove(handle);
            if (removed != null) {
                removed.maps.keySet().forEach(ownedMaps::remove);
            }
        } finally {
            lock.writeLock().unlock();
        }
        if (removed == null) {
            throw new BpfException(Errno.EINVAL, "no BPF object with handle " + handle);
        }
        removed.object.close();
    }

    /**
     * What this guest's polls delivered: counted by the pollers, and by the buffer-poll imports for
     * the samples an engine takes as they are read.
     */
    public GuestStats stats() {
        return stats;
    }

    /** From any thread: every current and later poll, load and attach fails with EINTR. */
    public void requestStop() {
        stopping = true;
    }

    public boolean isStopping() {
        return stopping;
    }

    /** Stops, then closes every object. Idempotent; callable from any thread. */
    public void closeAll() {
        stopping = true;
        List<Loaded> all;
        lock.writeLock().lock();
        try {
            all = new ArrayList<>(objects.values());
            objects.clear();
            ownedMaps.clear();
        } finally {
            lock.writeLock().unlock();
        }
        for (Loaded l : all) {
            l.object.close();
        }
    }

    @Override
    public void close() {
        closeAll();
    }

    /** Objects currently loaded. */
    public int size() {
        lock.readLock().lock();
        try {
            return objects.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    private BufferPoller poller(long handle, int fd) {
        lock.readLock().lock();
        try {
            Loaded l = loadedLocked(handle);
            BpfMapInfo map = l.maps.get(fd);
            if (map == null) {
                throw new BpfException(Errno.EBADF, "map fd " + fd + " is not a map of BPF object " + handle);
            }
            if (!map.isBuffer()) {
                throw new BpfException(Errno.EINVAL, "map '" + map.name() + "' is not a ring buffer or perf event array");
            }
            return l.pollers.computeIfAbsent(fd, f -> {
                BufferConsumer consumer = l.object.openBufferConsumer(f);
                consumer.gatherFor(gatherNanos);
                return new BufferPoller(consumer, this::isStopping, stats);
            });
        } finally {
            lock.readLock().unlock();
        }
    }

    private Loaded loaded(long handle) {
        lock.readLock().lock();
        try {
            return loadedLocked(handle);
        } finally {
            lock.readLock().unlock();
        }
    }

    private Loaded loadedLocked(long handle) {
        Loaded l = objects.get(handle);
        if (l == null) {
            throw new BpfException(Errno.EINVAL, "no BPF object with handle " + handle);
        }
        return l;
    }

    private void failIfStopping() {
        if (stopping) {
            throw new BpfException(Errno.EINTR, "the run is stopping");
        }
    }
}
