package org.wasmbpf.host.libbpf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One BPF ELF object opened from memory with libbpf: load, attach programs, find maps, consume
 * buffers. It owns its links and buffer consumers; {@link #close} frees consumers, destroys
 * links, then closes the object. Methods are synchronized; polling a consumer is not, so that
 * close can reach a consumer another thread is polling (the consumer guards itself).
 */
public final class BpfObject implements AutoCloseable {
    private final String name;
    private final List<BpfLink> links = new ArrayList<>();
    private final List<BufferConsumer> consumers = new ArrayList<>();
    // libbpf may read the ELF image and name until close.
    private NativeCalls.ObjectMemory memory;
    private long obj;
    private boolean loaded;

    private BpfObject(String name, NativeCalls.ObjectMemory memory, long obj) {
        this.name = name;
        this.memory = memory;
        this.obj = obj;
    }

    /**
     * Opens (parses) an ELF object from bytes. {@code name} becomes the object's name, the
     * prefix of its internal maps' kernel names; characters the kernel refuses become '_'.
     */
    public static BpfObject open(byte[] elf, String name) {
        return open(elf, name, null);
    }

    /**
     * As {@link #open(byte[], String)}, with CO-RE relocations resolved against the BTF file
     * {@code kernelBtf} (libbpf's {@code btf_custom_path}) instead of the running kernel's; null
     * for the kernel's.
     */
    public static BpfObject open(byte[] elf, String name, Path kernelBtf) {
        NativeCalls bpf = Native.calls();
        String btfPath = kernelBtf == null ? null : kernelBtf.toString();
        String objectName = sanitize(name);
        if (elf.length == 0) {
            throw new BpfException(Errno.EINVAL, "open BPF object '" + objectName + "': empty ELF image");
        }
        LibbpfLog.clear();
        NativeCalls.OpenedObject opened = bpf.bpfObjectOpenMem(elf, objectName, btfPath);
        if (opened.object() == 0) {
            opened.memory().free();
            int errno = opened.errno();
            throw new BpfException(errno, "open BPF object '" + objectName + "': " + Errno.describe(errno),
                    LibbpfLog.tail());
        }
        return new BpfObject(objectName, opened.memory(), opened.object());
    }

    public String name() {
        return name;
    }

    /** Relocates (CO-RE) and loads every map and program; on failure the exception carries the verifier's log tail. */
    public synchronized void load() {
        long o = live();
        if (loaded) {
            throw new BpfException(Errno.EINVAL, "BPF object '" + name + "' is already loaded");
        }
        LibbpfLog.clear();
        int err = Native.calls().bpfObjectLoad(o);
        if (err < 0) {
            throw new BpfException(-err, "load BPF object '" + name + "': " + Errno.describe(err), LibbpfLog.tail());
        }
        loaded = true;
    }

    public synchronized boolean isLoaded() {
        return loaded && obj != 0;
    }

    /**
     * Attaches the program with this function name. {@code target}: null or empty for
     * auto-attach by section; an interface name for xdp; a cgroup path for sockops/cgroup.
     */
    public synchronized BpfLink attach(String programName, String target) {
        long o = liveLoaded();
        long prog = Native.calls().bpfObjectFindProgramByName(o, programName);
        if (prog == 0) {
            throw new BpfException(Errno.ENOENT, "no program '" + programName + "' in BPF object '" + name + "'");
        }
        String section = Native.calls().bpfProgramSectionName(prog);
        long handle = ProgramAttacher.attach(prog, programName, section, target);
        String kept = target == null || target.isEmpty() ? null : target;
        BpfLink link = new BpfLink(programName, section, kept, handle);
        links.add(link);
        return link;
    }

    public synchronized List<BpfLink> links() {
        return List.copyOf(links);
    }

    /** The fd of the map with this name or internal section name (".rodata"). */
    public synchronized int mapFd(String mapName) {
        return findMap(mapName)
                .orElseThrow(() -> new BpfException(Errno.ENOENT, "no map '" + mapName + "' in BPF object '" + name + "'"))
                .fd();
    }

    public synchronized Optional<BpfMapInfo> findMap(String mapName) {
        long o = liveLoaded();
        long map = Native.calls().bpfObjectFindMapByName(o, mapName);
        return map == 0 ? Optional.empty() : Optional.of(info(map));
    }

    /** Every map of the loaded object that has an fd. */
    public synchronized List<BpfMapInfo> maps() {
        long o = liveLoaded();
        List<BpfMapInfo> out = new ArrayList<>();
        NativeCalls bpf = Native.calls();
        for (long m = bpf.bpfObjectNextMap(o, 0); m != 0; m = bpf.bpfObjectNextMap(o, m)) {
            BpfMapInfo info = info(m);
            if (info.fd() >= 0) {
                out.add(info);
            }
        }
        return out;
    }

    /**
     * Opens a consumer on one of this object's ring buffer or perf event array maps; the object
     * keeps it and frees it on close. Each call opens a new consumer.
     */
    public synchronized BufferConsumer openBufferConsumer(int mapFd) {
        BpfMapInfo map = maps().stream().filter(m -> m.fd() == mapFd).findFirst()
                .orElseThrow(() -> new BpfException(Errno.EBADF, "map fd " + mapFd + " is not a map of BPF object '" + name + "'"));
        BufferConsumer consumer = switch (map.type()) {
            case BpfMapInfo.TYPE_RINGBUF -> MappedRingBufferConsumer.fits(map.maxEntries())
                    ? new MappedRingBufferConsumer(mapFd, map.maxEntries())
                    : new LibbpfRingBufferConsumer(mapFd, map.maxEntries());
            case BpfMapInfo.TYPE_PERF_EVENT_ARRAY -> new MappedPerfBufferConsumer(mapFd);
            default -> throw new BpfException(Errno.EINVAL,
                    "map '" + map.name() + "' is neither a ring buffer nor a perf event array (type " + map.type() + ")");
        };
        consumers.add(consumer);
        return consumer;
    }

    /** Frees consumers, destroys links (detaching programs), closes the object. Idempotent. */
    @Override
    public synchronized void close() {
        if (obj == 0) {
            return;
        }
        consumers.forEach(BufferConsumer::close);
        consumers.clear();
        destroyAll(links);
        links.clear();
        Native.calls().bpfObjectClose(obj);
        obj = 0;
        memory.free();
        memory = null;
    }

    /**
     * Destroys the links side by side: the kernel waits for an RCU grace period as it detaches a
     * tracepoint or kprobe link (60-80 ms each here, by strace), and one after another those
     * waits added up to most of a guest's exit (and of serve's hot update).
     */
    private static void destroyAll(List<BpfLink> links) {
        if (links.size() < 2) {
            links.forEach(BpfLink::destroy);
            return;
        }
        List<Thread> others = new ArrayList<>();
        for (BpfLink link : links.subList(1, links.size())) {
            Thread t = new Thread(link::destroy, "wasm-bpf-detach");
            t.setDaemon(true);
            t.start();
            others.add(t);
        }
        links.get(0).destroy();
        boolean interrupted = false;
        for (Thread t : others) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the object must not be closed under a link still detaching
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private BpfMapInfo info(long map) {
        NativeCalls bpf = Native.calls();
        return new BpfMapInfo(bpf.bpfMapName(map), bpf.bpfMapFd(map), bpf.bpfMapType(map),
                bpf.bpfMapKeySize(map), bpf.bpfMapValueSize(map), bpf.bpfMapMaxEntries(map));
    }

    private long live() {
        if (obj == 0) {
            throw new BpfException(Errno.EBADF, "BPF object '" + name + "' is closed");
        }
        return obj;
    }

    private long liveLoaded() {
        long o = live();
        if (!loaded) {
            throw new BpfException(Errno.EINVAL, "BPF object '" + name + "' is not loaded");
        }
        return o;
    }

    /**
     * The object name for a file: its name without directory and extensions
     * ({@code /x/bootstrap.bpf.o} and {@code bootstrap.wasm} give {@code bootstrap}), or
     * {@code fallback} when that leaves nothing.
     */
    public static String nameForFile(String fileName, String fallback) {
        String name = fileName == null ? "" : fileName;
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        name = dot < 0 ? name : name.substring(0, dot);
        return name.isEmpty() ? fallback : name;
    }

    static String sanitize(String name) {
        String n = name == null || name.isEmpty() ? "bpf_object" : name;
        StringBuilder sb = new StringBuilder(n.length());
        for (char c : n.toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' ? c : '_');
        }
        return sb.toString();
    }
}
