package org.wasmbpf.host.libbpf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * One BPF ELF object opened from memory with libbpf: load, attach programs, find maps, consume
 * buffers. It owns its links and buffer consumers; {@link #close} frees consumers, destroys
 * links, then closes the object. Methods are synchronized; polling a consumer is not, so that
 * close can reach a consumer another thread is polling (the consumer guards itself).
 */
public final class BpfObject implements AutoCloseable {
    /** sizeof(struct bpf_object_open_opts) in libbpf 1.1; offsets: sz 0, object_name 8. */
    private static final int OPEN_OPTS_SIZE = 80;

    private final String name;
    private final List<BpfLink> links = new ArrayList<>();
    private final List<BufferConsumer> consumers = new ArrayList<>();
    // libbpf may read the ELF image and name until close.
    private Pointer image;
    private Pointer nameMemory;
    private Pointer obj;
    private boolean loaded;

    private BpfObject(String name, Pointer image, Pointer nameMemory, Pointer obj) {
        this.name = name;
        this.image = image;
        this.nameMemory = nameMemory;
        this.obj = obj;
    }

    /**
     * Opens (parses) an ELF object from bytes. {@code name} becomes the object's name, the
     * prefix of its internal maps' kernel names; characters the kernel refuses become '_'.
     */
    public static BpfObject open(byte[] elf, String name) {
        LibbpfNative bpf = Native.bpf();
        Runtime runtime = Native.runtime();
        String objectName = sanitize(name);
        if (elf.length == 0) {
            throw new BpfException(Errno.EINVAL, "open BPF object '" + objectName + "': empty ELF image");
        }
        Pointer image = Memory.allocateDirect(runtime, elf.length);
        image.put(0, elf, 0, elf.length);
        byte[] nameBytes = objectName.getBytes(StandardCharsets.UTF_8);
        Pointer nameMemory = Memory.allocateDirect(runtime, nameBytes.length + 1, true);
        nameMemory.put(0, nameBytes, 0, nameBytes.length);
        Pointer opts = Memory.allocateDirect(runtime, OPEN_OPTS_SIZE, true);
        opts.putLong(0, OPEN_OPTS_SIZE);
        opts.putPointer(8, nameMemory);
        LibbpfLog.clear();
        Pointer obj = bpf.bpf_object__open_mem(image, elf.length, opts);
        if (obj == null) {
            int errno = Native.errno();
            throw new BpfException(errno, "open BPF object '" + objectName + "': " + Errno.describe(errno),
                    LibbpfLog.tail());
        }
        return new BpfObject(objectName, image, nameMemory, obj);
    }

    public String name() {
        return name;
    }

    /** Relocates (CO-RE) and loads every map and program; on failure the exception carries the verifier's log tail. */
    public synchronized void load() {
        Pointer o = live();
        if (loaded) {
            throw new BpfException(Errno.EINVAL, "BPF object '" + name + "' is already loaded");
        }
        LibbpfLog.clear();
        int err = Native.bpf().bpf_object__load(o);
        if (err < 0) {
            throw new BpfException(-err, "load BPF object '" + name + "': " + Errno.describe(err), LibbpfLog.tail());
        }
        loaded = true;
    }

    public synchronized boolean isLoaded() {
        return loaded && obj != null;
    }

    /**
     * Attaches the program with this function name. {@code target}: null or empty for
     * auto-attach by section; an interface name for xdp; a cgroup path for sockops/cgroup.
     */
    public synchronized BpfLink attach(String programName, String target) {
        Pointer o = liveLoaded();
        Pointer prog = Native.bpf().bpf_object__find_program_by_name(o, programName);
        if (prog == null) {
            throw new BpfException(Errno.ENOENT, "no program '" + programName + "' in BPF object '" + name + "'");
        }
        String section = Native.bpf().bpf_program__section_name(prog);
        Pointer handle = ProgramAttacher.attach(prog, programName, section, target);
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
        Pointer o = liveLoaded();
        Pointer map = Native.bpf().bpf_object__find_map_by_name(o, mapName);
        return map == null ? Optional.empty() : Optional.of(info(map));
    }

    /** Every map of the loaded object that has an fd. */
    public synchronized List<BpfMapInfo> maps() {
        Pointer o = liveLoaded();
        List<BpfMapInfo> out = new ArrayList<>();
        for (Pointer m = Native.bpf().bpf_object__next_map(o, null); m != null;
                m = Native.bpf().bpf_object__next_map(o, m)) {
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
        if (obj == null) {
            return;
        }
        consumers.forEach(BufferConsumer::close);
        consumers.clear();
        links.forEach(BpfLink::destroy);
        links.clear();
        Native.bpf().bpf_object__close(obj);
        obj = null;
        image = null;
        nameMemory = null;
    }

    private BpfMapInfo info(Pointer map) {
        LibbpfNative bpf = Native.bpf();
        return new BpfMapInfo(bpf.bpf_map__name(map), bpf.bpf_map__fd(map), bpf.bpf_map__type(map),
                bpf.bpf_map__key_size(map), bpf.bpf_map__value_size(map), bpf.bpf_map__max_entries(map));
    }

    private Pointer live() {
        if (obj == null) {
            throw new BpfException(Errno.EBADF, "BPF object '" + name + "' is closed");
        }
        return obj;
    }

    private Pointer liveLoaded() {
        Pointer o = live();
        if (!loaded) {
            throw new BpfException(Errno.EINVAL, "BPF object '" + name + "' is not loaded");
        }
        return o;
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
