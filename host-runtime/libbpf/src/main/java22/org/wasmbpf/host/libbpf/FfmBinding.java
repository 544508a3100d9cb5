package org.wasmbpf.host.libbpf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.ByteBuffer;

/**
 * {@link NativeBinding} through java.lang.foreign (JDK 22 and later): each {@link CFunction} an
 * {@link FfmFunction}, bound on its first call, the plain ones all with one shape and the
 * critical ones with another. {@link Native} loads it by name, so JDK 17 never sees this class.
 * No lambdas: each would be a class spun at start-up.
 */
final class FfmBinding implements NativeBinding {
    private final FfmFunction[] functions = new FfmFunction[CFunction.values().length];
    private MemorySegment printer;

    FfmBinding() {
        SymbolLookup libbpf;
        try {
            libbpf = SymbolLookup.libraryLookup(Native.LIBBPF, Arena.global());
        } catch (IllegalArgumentException e) {
            throw Native.cannotLoad(e.getMessage());
        }
        SymbolLookup libc = FfmFunction.LINKER.defaultLookup();
        for (CFunction f : CFunction.values()) {
            SymbolLookup library = f.library() == CFunction.Library.LIBBPF ? libbpf : libc;
            functions[f.ordinal()] = f.critical() ? FfmFunction.critical(library, f.symbol()) : FfmFunction.of(library, f.symbol());
        }
    }

    @Override
    public long call(CFunction f, long a, long b, long c, long d, long e, long g) {
        return functions[f.ordinal()].call(a, b, c, d, e, g);
    }

    @Override
    public int callWithArrays(CFunction f, int fd, byte[] first, byte[] second, long flags) {
        try {
            return (int) functions[f.ordinal()].handle().invokeExact(fd, array(first), array(second), flags);
        } catch (Throwable t) {
            throw FfmFunction.unchecked(t);
        }
    }

    private static MemorySegment array(byte[] a) {
        return a == null ? MemorySegment.NULL : MemorySegment.ofArray(a);
    }

    @Override
    public String bind(CFunction f) {
        return functions[f.ordinal()].handle().type().toString();
    }

    @Override
    public int errno() {
        return FfmFunction.errno();
    }

    @Override
    public void copyIn(byte[] from, long address) {
        FfmValues.copyIn(from, address);
    }

    @Override
    public void copyOut(long address, byte[] to, int length) {
        FfmValues.copyOut(address, to, length);
    }

    @Override
    public ByteBuffer view(long address, int length) {
        return MemorySegment.ofAddress(address).reinterpret(length).asByteBuffer();
    }

    @Override
    public synchronized long printer() {
        if (printer == null) {
            printer = FfmLogPrinter.stub(this);
        }
        return printer.address();
    }
}
