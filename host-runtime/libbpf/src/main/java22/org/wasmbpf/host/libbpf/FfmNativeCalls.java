package org.wasmbpf.host.libbpf;


import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@link NativeCalls} through java.lang.foreign (JDK 22 and later), each function bound on its
 * first call. {@link Native} loads it by name, so JDK 17 never sees this class. No lambdas: each
 * would be a class spun at start-up. Pointers cross as addresses ({@link FfmFunction#call}).
 */
final class FfmNativeCalls implements NativeCalls {
    /** sizeof(struct bpf_object_open_opts) in libbpf 1.1; offsets: sz 0, object_name 8, btf_custom_path 48. */
    private static final int OPEN_OPTS_SIZE = 80;

    private final FfmLibbpfFunctions bpf;
    private final FfmLibcFunctions libc = new FfmLibcFunctions(FfmFunction.LINKER.defaultLookup());

    FfmNativeCalls() {
        SymbolLookup library;
        try {
            library = SymbolLookup.libraryLookup(Native.LIBBPF, Arena.global());
        } catch (IllegalArgumentException e) {
            throw Native.cannotLoad(e.getMessage());
        }
        bpf = new FfmLibbpfFunctions(library);
        bpf.setPrint.call(0); // libbpf's own printer would write to stderr
    }

    @Override
    public void captureLog() {
        bpf.setPrint.call(FfmLogPrinter.stub().address());
    }

    private static void putWord(byte[] bytes, int at, long value) {
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        for (int i = 0; i < 8; i++) {
            bytes[at + i] = (byte) (value >>> 8 * (little ? i : 7 - i));
        }
    }

    @Override
    public OpenedObject bpfObjectOpenMem(byte[] elf, String objectName, String kernelBtf) {
        Arena arena = Arena.ofShared();
        MemorySegment image = arena.allocate(elf.length);
        FfmValues.copyIn(elf, image, 0);
        // struct bpf_object_open_opts (its size, object_name, btf_custom_path if given, the rest zero), made as bytes
        // and copied in: see cStringIn.
        byte[] fields = new byte[OPEN_OPTS_SIZE];
        putWord(fields, 0, OPEN_OPTS_SIZE);
        putWord(fields, 8, cStringIn(arena, objectName).address());
        if (kernelBtf != null) {
            putWord(fields, 48, cStringIn(arena, kernelBtf).address());
        }
        MemorySegment opts = arena.allocate(OPEN_OPTS_SIZE);
        FfmValues.copyIn(fields, opts, 0);
        try {
            long obj = bpf.openMem.call(image.address(), elf.length, opts.address());
            return new OpenedObject(obj, obj == 0 ? FfmFunction.errno() : 0, arena::close);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    @Override
    public int bpfObjectLoad(long obj) {
        return (int) bpf.load.call(obj);
    }

    @Override
    public void bpfObjectClose(long obj) {
        bpf.close.call(obj);
    }

    @Override
    public long bpfObjectFindProgramByName(long obj, String name) {
        return pointerByName(bpf.findProgram, obj, name);
    }

    @Override
    public long bpfObjectFindMapByName(long obj, String name) {
        return pointerByName(bpf.findMap, obj, name);
    }

    @Override
    public long bpfObjectNextMap(long obj, long prev) {
        return bpf.nextMap.call(obj, prev);
    }

    @Override
    public String bpfProgramSectionName(long prog) {
        return cString(bpf.sectionName.call(prog));
    }

    @Override
    public long bpfProgramAttach(long prog) {
        return bpf.attach.call(prog);
    }

    @Override
    public long bpfProgramAttachXdp(long prog, int ifindex) {
        return bpf.attachXdp.call(prog, ifindex);
    }

    @Override
    public long bpfProgramAttachCgroup(long prog, int cgroupFd) {
        return bpf.attachCgroup.call(prog, cgroupFd);
    }

    @Override
    public int bpfLinkDestroy(long link) {
        return (int) bpf.linkDestroy.call(link);
    }

    @Override
    public String bpfMapName(long map) {
        return cString(bpf.mapName.call(map));
    }

    @Override
    public int bpfMapFd(long map) {
        return (int) bpf.mapFd.call(map);
    }

    @Override
    public int bpfMapType(long map) {
        return (int) bpf.mapType.call(map);
    }

    @Override
    public int bpfMapKeySize(long map) {
        return (int) bpf.mapKeySize.call(map);
    }

    @Override
    public int bpfMapValueSize(long map) {
        return (int) bpf.mapValueSize.call(map);
    }

    @Override
    public int bpfMapMaxEntries(long map) {
        return (int) bpf.mapMaxEntries.call(map);
    }

    @Override
    public int libbpfNumPossibleCpus() {
        return (int) bpf.numPossibleCpus.call();
    }

    @Override
    public String libbpfStrerror(int err) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(128);
            return (int) bpf.strerror.call(err, buf.address(), 128) == 0 ? cString(buf.address()) : null;
        }
    }

    @Override
    public int bpfMapLookupElem(int fd, byte[] key, byte[] value) {
        return mapCall(bpf.mapLookup, fd, key, value);
    }

    @Override
    public int bpfMapUpdateElem(int fd, byte[] key, byte[] value, long flags) {
        try {
            return (int) bpf.mapUpdate.handle().invokeExact(fd, array(key), array(value), flags);
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public int bpfMapDeleteElem(int fd, byte[] key) {
        try {
            return (int) bpf.mapDelete.handle().invokeExact(fd, array(key));
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public int bpfMapGetNextKey(int fd, byte[] key, byte[] nextKey) {
        return mapCall(bpf.mapNextKey, fd, key, nextKey);
    }

    @Override
    public int ifNametoindex(String name) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) libc.ifNametoindex.call(cStringIn(arena, name).address());
        }
    }

    @Override
    public int open(String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) libc.open.call(cStringIn(arena, path).address(), flags);
        }
    }

    @Override
    public int close(int fd) {
        return (int) libc.close.call(fd);
    }

    @Override
    public int mount(String source, String target, String fstype, long flags) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) libc.mount.call(cStringIn(arena, source).address(), cStringIn(arena, target).address(),
                    cStringIn(arena, fstype).address(), flags, 0);
        }
    }

    @Override
    public String strerror(int errnum) {
        return cString(libc.strerror.call(errnum));
    }

    @Override
    public int errno() {
        return FfmFunction.errno();
    }

    private static long pointerByName(FfmFunction f, long obj, String name) {
        try (Arena arena = Arena.ofConfined()) {
            return f.call(obj, cStringIn(arena, name).address());
        }
    }

    private static int mapCall(FfmFunction f, int fd, byte[] key, byte[] value) {
        try {
            return (int) f.handle().invokeExact(fd, array(key), array(value));
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    private static MemorySegment array(byte[] a) {
        return a == null ? MemorySegment.NULL : MemorySegment.ofArray(a);
    }

    /**
     * A C string in the arena, copied in as bytes. The JDK's own allocateFrom and getString build
     * VarHandles on first use, several ms of a cold start (see {@link FfmValues}).
     */
    private static MemorySegment cStringIn(Arena arena, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(utf8, utf8.length + 1); // and the terminating NUL
        MemorySegment segment = arena.allocate(bytes.length);
        FfmValues.copyIn(bytes, segment, 0);
        return segment;
    }

    /** The C string at {@code address}, read with strlen and a copy: see cStringIn. */
    private String cString(long address) {
        if (address == 0) {
            return null;
        }
        int length = (int) libc.strlen.call(address);
        return new String(FfmValues.copyOut(MemorySegment.ofAddress(address).reinterpret(length), 0, length),
                StandardCharsets.UTF_8);
    }
}
