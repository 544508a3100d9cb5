package org.wasmbpf.host.libbpf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/** {@link NativeCalls} through jnr-ffi: works on every JDK, binds every function at once. */
final class JnrNativeCalls implements NativeCalls {
    /** sizeof(struct bpf_object_open_opts) in libbpf 1.1; offsets: sz 0, object_name 8, btf_custom_path 48. */
    private static final int OPEN_OPTS_SIZE = 80;

    private final LibbpfNative bpf;
    private final LibcNative libc;
    private final Runtime runtime;
    // Kept reachable for as long as libbpf may call it.
    private JnrLogPrinter printer;

    JnrNativeCalls() {
        bpf = Native.bpf();
        libc = Native.libc();
        runtime = Native.runtime();
        bpf.libbpf_set_print(null); // libbpf's own printer would write to stderr
    }

    @Override
    public void captureLog() {
        printer = JnrLogPrinter.install(bpf, libc);
    }

    @Override
    public OpenedObject bpfObjectOpenMem(byte[] elf, String objectName, String kernelBtf) {
        Pointer image = Memory.allocateDirect(runtime, elf.length);
        image.put(0, elf, 0, elf.length);
        Pointer nameMemory = cString(objectName);
        Pointer opts = Memory.allocateDirect(runtime, OPEN_OPTS_SIZE, true);
        opts.putLong(0, OPEN_OPTS_SIZE);
        opts.putPointer(8, nameMemory);
        Pointer btfPath = kernelBtf == null ? null : cString(kernelBtf);
        if (btfPath != null) {
            opts.putPointer(48, btfPath);
        }
        Pointer obj = bpf.bpf_object__open_mem(image, elf.length, opts);
        int errno = errno();
        // The memory is the GC's: it stays while the returned record holds it.
        Pointer[] kept = {image, nameMemory, btfPath};
        return new OpenedObject(address(obj), errno, () -> Arrays.fill(kept, null));
    }

    private Pointer cString(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        Pointer memory = Memory.allocateDirect(runtime, bytes.length + 1, true);
        memory.put(0, bytes, 0, bytes.length);
        return memory;
    }

    @Override
    public int bpfObjectLoad(long obj) {
        return bpf.bpf_object__load(pointer(obj));
    }

    @Override
    public void bpfObjectClose(long obj) {
        bpf.bpf_object__close(pointer(obj));
    }

    @Override
    public long bpfObjectFindProgramByName(long obj, String name) {
        return address(bpf.bpf_object__find_program_by_name(pointer(obj), name));
    }

    @Override
    public long bpfObjectFindMapByName(long obj, String name) {
        return address(bpf.bpf_object__find_map_by_name(pointer(obj), name));
    }

    @Override
    public long bpfObjectNextMap(long obj, long prev) {
        return address(bpf.bpf_object__next_map(pointer(obj), pointer(prev)));
    }

    @Override
    public String bpfProgramSectionName(long prog) {
        return bpf.bpf_program__section_name(pointer(prog));
    }

    @Override
    public long bpfProgramAttach(long prog) {
        return address(bpf.bpf_program__attach(pointer(prog)));
    }

    @Override
    public long bpfProgramAttachXdp(long prog, int ifindex) {
        return address(bpf.bpf_program__attach_xdp(pointer(prog), ifindex));
    }

    @Override
    public long bpfProgramAttachCgroup(long prog, int cgroupFd) {
        return address(bpf.bpf_program__attach_cgroup(pointer(prog), cgroupFd));
    }

    @Override
    public int bpfLinkDestroy(long link) {
        return bpf.bpf_link__destroy(pointer(link));
    }

    @Override
    public String bpfMapName(long map) {
        return bpf.bpf_map__name(pointer(map));
    }

    @Override
    public int bpfMapFd(long map) {
        return bpf.bpf_map__fd(pointer(map));
    }

    @Override
    public int bpfMapType(long map) {
        return bpf.bpf_map__type(pointer(map));
    }

    @Override
    public int bpfMapKeySize(long map) {
        return bpf.bpf_map__key_size(pointer(map));
    }

    @Override
    public int bpfMapValueSize(long map) {
        return bpf.bpf_map__value_size(pointer(map));
    }

    @Override
    public int bpfMapMaxEntries(long map) {
        return bpf.bpf_map__max_entries(pointer(map));
    }

    @Override
    public int libbpfNumPossibleCpus() {
        return bpf.libbpf_num_possible_cpus();
    }

    @Override
    public String libbpfStrerror(int err) {
        byte[] buf = new byte[128];
        if (bpf.libbpf_strerror(err, buf, buf.length) != 0) {
            return null;
        }
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    @Override
    public int bpfMapLookupElem(int fd, byte[] key, byte[] value) {
        return bpf.bpf_map_lookup_elem(fd, key, value);
    }

    @Override
    public int bpfMapUpdateElem(int fd, byte[] key, byte[] value, long flags) {
        return bpf.bpf_map_update_elem(fd, key, value, flags);
    }

    @Override
    public int bpfMapDeleteElem(int fd, byte[] key) {
        return bpf.bpf_map_delete_elem(fd, key);
    }

    @Override
    public int bpfMapGetNextKey(int fd, byte[] key, byte[] nextKey) {
        return bpf.bpf_map_get_next_key(fd, key, nextKey);
    }

    @Override
    public int ifNametoindex(String name) {
        return libc.if_nametoindex(name);
    }

    @Override
    public int open(String path, int flags) {
        return libc.open(path, flags);
    }

    @Override
    public int close(int fd) {
        return libc.close(fd);
    }

    @Override
    public int mount(String source, String target, String fstype, long flags) {
        return libc.mount(source, target, fstype, flags, null);
    }

    @Override
    public String strerror(int errnum) {
        return libc.strerror(errnum);
    }

    @Override
    public int errno() {
        return Native.errno();
    }

    private Pointer pointer(long address) {
        return address == 0 ? null : Pointer.wrap(runtime, address);
    }

    private static long address(Pointer p) {
        return p == null ? 0 : p.address();
    }
}
