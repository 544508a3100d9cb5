package org.wasmbpf.host.libbpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;

/**
 * {@link NativeCalls} through java.lang.foreign (JDK 22 and later), each function bound on its
 * first call. {@link Native} loads it by name, so JDK 17 never sees this class. No lambdas: each
 * would be a class spun at start-up. invokeExact declares Throwable; {@link FfmFunction#unchecked} passes
 * on what a native call can really throw.
 */
final class FfmNativeCalls implements NativeCalls {
    /** sizeof(struct bpf_object_open_opts) in libbpf 1.1; offsets: sz 0, object_name 8. */
    private static final long OPEN_OPTS_SIZE = 80;

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
        try {
            MemorySegment previousPrinter = (MemorySegment) bpf.setPrint.handle().invokeExact(FfmLogPrinter.stub());
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public OpenedObject bpfObjectOpenMem(byte[] elf, String objectName) {
        Arena arena = Arena.ofShared();
        MemorySegment image = arena.allocate(elf.length);
        MemorySegment.copy(elf, 0, image, JAVA_BYTE, 0, elf.length);
        MemorySegment opts = arena.allocate(OPEN_OPTS_SIZE).fill((byte) 0);
        opts.set(JAVA_LONG, 0, OPEN_OPTS_SIZE);
        opts.set(ADDRESS, 8, arena.allocateFrom(objectName));
        try {
            MemorySegment obj = (MemorySegment) bpf.openMem.handle()
                    .invokeExact(FfmFunction.callState(), image, (long) elf.length, opts);
            return new OpenedObject(obj.address(), FfmFunction.errno(), arena::close);
        } catch (Throwable t) {
            arena.close();
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public int bpfObjectLoad(long obj) {
        return intOf(bpf.load, obj);
    }

    @Override
    public void bpfObjectClose(long obj) {
        try {
            bpf.close.handle().invokeExact(at(obj));
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
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
        try {
            return ((MemorySegment) bpf.nextMap.handle().invokeExact(at(obj), at(prev))).address();
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public String bpfProgramSectionName(long prog) {
        return stringOf(bpf.sectionName, prog);
    }

    @Override
    public long bpfProgramAttach(long prog) {
        try {
            return ((MemorySegment) bpf.attach.handle().invokeExact(FfmFunction.callState(), at(prog))).address();
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public long bpfProgramAttachXdp(long prog, int ifindex) {
        return attachTo(bpf.attachXdp, prog, ifindex);
    }

    @Override
    public long bpfProgramAttachCgroup(long prog, int cgroupFd) {
        return attachTo(bpf.attachCgroup, prog, cgroupFd);
    }

    @Override
    public int bpfLinkDestroy(long link) {
        return intOf(bpf.linkDestroy, link);
    }

    @Override
    public String bpfMapName(long map) {
        return stringOf(bpf.mapName, map);
    }

    @Override
    public int bpfMapFd(long map) {
        return intOf(bpf.mapFd, map);
    }

    @Override
    public int bpfMapType(long map) {
        return intOf(bpf.mapType, map);
    }

    @Override
    public int bpfMapKeySize(long map) {
        return intOf(bpf.mapKeySize, map);
    }

    @Override
    public int bpfMapValueSize(long map) {
        return intOf(bpf.mapValueSize, map);
    }

    @Override
    public int bpfMapMaxEntries(long map) {
        return intOf(bpf.mapMaxEntries, map);
    }

    @Override
    public int libbpfNumPossibleCpus() {
        try {
            return (int) bpf.numPossibleCpus.handle().invokeExact();
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public String libbpfStrerror(int err) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(128);
            int r = (int) bpf.strerror.handle().invokeExact(err, buf, 128L);
            return r == 0 ? buf.getString(0) : null;
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
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
            return (int) libc.ifNametoindex.handle().invokeExact(FfmFunction.callState(), arena.allocateFrom(name));
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public int open(String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) libc.open.handle().invokeExact(FfmFunction.callState(), arena.allocateFrom(path), flags);
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public int close(int fd) {
        try {
            return (int) libc.close.handle().invokeExact(FfmFunction.callState(), fd);
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public int mount(String source, String target, String fstype, long flags) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) libc.mount.handle().invokeExact(FfmFunction.callState(), arena.allocateFrom(source),
                    arena.allocateFrom(target), arena.allocateFrom(fstype), flags, MemorySegment.NULL);
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public String strerror(int errnum) {
        try {
            return cString((MemorySegment) libc.strerror.handle().invokeExact(errnum));
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    @Override
    public int errno() {
        return FfmFunction.errno();
    }

    private static long pointerByName(FfmFunction f, long obj, String name) {
        try (Arena arena = Arena.ofConfined()) {
            return ((MemorySegment) f.handle().invokeExact(at(obj), arena.allocateFrom(name))).address();
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    private static long attachTo(FfmFunction f, long prog, int target) {
        try {
            return ((MemorySegment) f.handle().invokeExact(FfmFunction.callState(), at(prog), target)).address();
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    private static String stringOf(FfmFunction f, long p) {
        try {
            return cString((MemorySegment) f.handle().invokeExact(at(p)));
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    private static int intOf(FfmFunction f, long p) {
        try {
            return (int) f.handle().invokeExact(at(p));
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    private static int mapCall(FfmFunction f, int fd, byte[] key, byte[] value) {
        try {
            return (int) f.handle().invokeExact(fd, array(key), array(value));
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    private static MemorySegment at(long address) {
        return address == 0 ? MemorySegment.NULL : MemorySegment.ofAddress(address);
    }

    private static MemorySegment array(byte[] a) {
        return a == null ? MemorySegment.NULL : MemorySegment.ofArray(a);
    }

    private static String cString(MemorySegment s) {
        return s.address() == 0 ? null : s.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
