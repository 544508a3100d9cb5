package org.wasmbpf.host.libbpf;

import static org.wasmbpf.host.libbpf.CFunction.BPF_LINK__DESTROY;
import static org.wasmbpf.host.libbpf.CFunction.BPF_MAP_DELETE_ELEM;
import static org.wasmbpf.host.libbpf.CFunction.BPF_MAP_GET_NEXT_KEY;
import static org.wasmbpf.host.libbpf.CFunction.BPF_MAP_LOOKUP_ELEM;
import static org.wasmbpf.host.libbpf.CFunction.BPF_MAP_UPDATE_ELEM;
import static org.wasmbpf.host.libbpf.CFunction.BPF_MAP__FD;
import static org.wasmbpf.host.libbpf.CFunction.BPF_MAP__KEY_SIZE;
import static org.wasmbpf.host.libbpf.CFunction.BPF_MAP__MAX_ENTRIES;
import static org.wasmbpf.host.libbpf.CFunction.BPF_MAP__NAME;
import static org.wasmbpf.host.libbpf.CFunction.BPF_MAP__TYPE;
import static org.wasmbpf.host.libbpf.CFunction.BPF_MAP__VALUE_SIZE;
import static org.wasmbpf.host.libbpf.CFunction.BPF_OBJECT__CLOSE;
import static org.wasmbpf.host.libbpf.CFunction.BPF_OBJECT__FIND_MAP_BY_NAME;
import static org.wasmbpf.host.libbpf.CFunction.BPF_OBJECT__FIND_PROGRAM_BY_NAME;
import static org.wasmbpf.host.libbpf.CFunction.BPF_OBJECT__LOAD;
import static org.wasmbpf.host.libbpf.CFunction.BPF_OBJECT__NEXT_MAP;
import static org.wasmbpf.host.libbpf.CFunction.BPF_OBJECT__OPEN_MEM;
import static org.wasmbpf.host.libbpf.CFunction.BPF_PROGRAM__ATTACH;
import static org.wasmbpf.host.libbpf.CFunction.BPF_PROGRAM__ATTACH_CGROUP;
import static org.wasmbpf.host.libbpf.CFunction.BPF_PROGRAM__ATTACH_XDP;
import static org.wasmbpf.host.libbpf.CFunction.BPF_PROGRAM__SECTION_NAME;
import static org.wasmbpf.host.libbpf.CFunction.CLOSE;
import static org.wasmbpf.host.libbpf.CFunction.IF_NAMETOINDEX;
import static org.wasmbpf.host.libbpf.CFunction.LIBBPF_NUM_POSSIBLE_CPUS;
import static org.wasmbpf.host.libbpf.CFunction.LIBBPF_SET_PRINT;
import static org.wasmbpf.host.libbpf.CFunction.LIBBPF_STRERROR;
import static org.wasmbpf.host.libbpf.CFunction.MOUNT;
import static org.wasmbpf.host.libbpf.CFunction.OPEN;
import static org.wasmbpf.host.libbpf.CFunction.STRERROR;

/**
 * The libbpf and libc calls the host makes up to a program's attach, in plain Java types (a
 * pointer is its address, 0 is NULL), written once over either {@link NativeBinding}.
 *
 * <p>libbpf's print callback is installed when this is made, so that every failing call's log is
 * captured during that call. Making the callback is ~20 ms of a cold start on java.lang.foreign
 * (the JDK generates the upcall's glue), which is why the CLI binds ahead on a thread of its own
 * ({@link Libbpf#ensureLoaded}) while the module is parsed and instantiated.
 */
final class NativeCalls {
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 02000000;
    /** sizeof(struct bpf_object_open_opts) in libbpf 1.1; offsets: sz 0, object_name 8, btf_custom_path 48. */
    private static final int OPEN_OPTS_SIZE = 80;
    private static final int OBJECT_NAME_OFFSET = 8;
    private static final int BTF_CUSTOM_PATH_OFFSET = 48;
    private static final int STRERROR_BUFFER = 128;

    private final NativeBinding c;

    NativeCalls(NativeBinding binding) {
        c = binding;
        c.call(LIBBPF_SET_PRINT, c.printer()); // and not libbpf's own printer, which writes to stderr
    }

    /** The ELF copy, options and strings libbpf reads until the object is closed. */
    static final class ObjectMemory {
        private final NativeBinding c;
        private final long[] addresses;

        private ObjectMemory(NativeBinding c, long... addresses) {
            this.c = c;
            this.addresses = addresses;
        }

        /** Frees the memory; only after {@code bpf_object__close}, or when the open failed. */
        void free() {
            for (int i = 0; i < addresses.length; i++) {
                NativeMemory.free(c, addresses[i]);
                addresses[i] = 0;
            }
        }
    }

    /** {@code object} is 0 when libbpf failed, with {@code errno} saying why. */
    record OpenedObject(long object, int errno, ObjectMemory memory) {}

    /**
     * bpf_object__open_mem on a native copy of {@code elf}, with {@code objectName} as the object's
     * name and, unless null, {@code kernelBtf} as the BTF its CO-RE relocations resolve against.
     */
    OpenedObject bpfObjectOpenMem(byte[] elf, String objectName, String kernelBtf) {
        long image = NativeMemory.allocate(c, elf.length);
        c.copyIn(elf, image);
        long name = NativeMemory.cString(c, objectName);
        long btfPath = kernelBtf == null ? 0 : NativeMemory.cString(c, kernelBtf);
        byte[] fields = new byte[OPEN_OPTS_SIZE];
        NativeMemory.putLong(fields, 0, OPEN_OPTS_SIZE);
        NativeMemory.putLong(fields, OBJECT_NAME_OFFSET, name);
        NativeMemory.putLong(fields, BTF_CUSTOM_PATH_OFFSET, btfPath);
        long opts = NativeMemory.allocate(c, OPEN_OPTS_SIZE);
        c.copyIn(fields, opts);
        long obj = c.call(BPF_OBJECT__OPEN_MEM, image, elf.length, opts);
        int errno = obj == 0 ? c.errno() : 0;
        return new OpenedObject(obj, errno, new ObjectMemory(c, image, name, btfPath, opts));
    }

    /** 0 or a negative errno. */
    int bpfObjectLoad(long obj) {
        return (int) c.call(BPF_OBJECT__LOAD, obj);
    }

    void bpfObjectClose(long obj) {
        c.call(BPF_OBJECT__CLOSE, obj);
    }

    long bpfObjectFindProgramByName(long obj, String name) {
        return byName(BPF_OBJECT__FIND_PROGRAM_BY_NAME, obj, name);
    }

    long bpfObjectFindMapByName(long obj, String name) {
        return byName(BPF_OBJECT__FIND_MAP_BY_NAME, obj, name);
    }

    long bpfObjectNextMap(long obj, long prev) {
        return c.call(BPF_OBJECT__NEXT_MAP, obj, prev);
    }

    String bpfProgramSectionName(long prog) {
        return NativeMemory.string(c, c.call(BPF_PROGRAM__SECTION_NAME, prog));
    }

    /** The link, or 0 with {@link #errno} saying why; so for the two below. */
    long bpfProgramAttach(long prog) {
        return c.call(BPF_PROGRAM__ATTACH, prog);
    }

    long bpfProgramAttachXdp(long prog, int ifindex) {
        return c.call(BPF_PROGRAM__ATTACH_XDP, prog, ifindex);
    }

    long bpfProgramAttachCgroup(long prog, int cgroupFd) {
        return c.call(BPF_PROGRAM__ATTACH_CGROUP, prog, cgroupFd);
    }

    int bpfLinkDestroy(long link) {
        return (int) c.call(BPF_LINK__DESTROY, link);
    }

    String bpfMapName(long map) {
        return NativeMemory.string(c, c.call(BPF_MAP__NAME, map));
    }

    int bpfMapFd(long map) {
        return (int) c.call(BPF_MAP__FD, map);
    }

    int bpfMapType(long map) {
        return (int) c.call(BPF_MAP__TYPE, map);
    }

    int bpfMapKeySize(long map) {
        return (int) c.call(BPF_MAP__KEY_SIZE, map);
    }

    int bpfMapValueSize(long map) {
        return (int) c.call(BPF_MAP__VALUE_SIZE, map);
    }

    int bpfMapMaxEntries(long map) {
        return (int) c.call(BPF_MAP__MAX_ENTRIES, map);
    }

    int libbpfNumPossibleCpus() {
        return (int) c.call(LIBBPF_NUM_POSSIBLE_CPUS);
    }

    /** libbpf_strerror's text for libbpf's own codes, or null when it has none. */
    String libbpfStrerror(int err) {
        long buf = NativeMemory.allocate(c, STRERROR_BUFFER);
        try {
            return (int) c.call(LIBBPF_STRERROR, err, buf, STRERROR_BUFFER) == 0 ? NativeMemory.string(c, buf) : null;
        } finally {
            NativeMemory.free(c, buf);
        }
    }

    // The low-level map API of libbpf >= 1.0 returns -errno directly; a null key is NULL.
    int bpfMapLookupElem(int fd, byte[] key, byte[] value) {
        return c.callWithArrays(BPF_MAP_LOOKUP_ELEM, fd, key, value, 0);
    }

    int bpfMapUpdateElem(int fd, byte[] key, byte[] value, long flags) {
        return c.callWithArrays(BPF_MAP_UPDATE_ELEM, fd, key, value, flags);
    }

    int bpfMapDeleteElem(int fd, byte[] key) {
        return c.callWithArrays(BPF_MAP_DELETE_ELEM, fd, key, null, 0);
    }

    int bpfMapGetNextKey(int fd, byte[] key, byte[] nextKey) {
        return c.callWithArrays(BPF_MAP_GET_NEXT_KEY, fd, key, nextKey, 0);
    }

    /** 0 when there is no such interface. */
    int ifNametoindex(String name) {
        long s = NativeMemory.cString(c, name);
        try {
            return (int) c.call(IF_NAMETOINDEX, s);
        } finally {
            NativeMemory.free(c, s);
        }
    }

    /** The fd, or a negative errno. */
    int open(String path, int flags) {
        long s = NativeMemory.cString(c, path);
        try {
            int fd = (int) c.call(OPEN, s, flags);
            return fd < 0 ? -c.errno() : fd;
        } finally {
            NativeMemory.free(c, s);
        }
    }

    int close(int fd) {
        return (int) c.call(CLOSE, fd);
    }

    /** 0, or a negative errno. */
    int mount(String source, String target, String fstype, long flags) {
        long s = NativeMemory.cString(c, source);
        long t = NativeMemory.cString(c, target);
        long f = NativeMemory.cString(c, fstype);
        try {
            return (int) c.call(MOUNT, s, t, f, flags, 0, 0) == 0 ? 0 : -c.errno();
        } finally {
            NativeMemory.free(c, s);
            NativeMemory.free(c, t);
            NativeMemory.free(c, f);
        }
    }

    String strerror(int errnum) {
        return NativeMemory.string(c, c.call(STRERROR, errnum));
    }

    /** errno as the last call of this binding on this thread left it. */
    int errno() {
        return c.errno();
    }

    private long byName(CFunction f, long obj, String name) {
        long s = NativeMemory.cString(c, name);
        try {
            return c.call(f, obj, s);
        } finally {
            NativeMemory.free(c, s);
        }
    }
}
