package org.wasmbpf.host.libbpf;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * One C function, bound on its first call: making a downcall handle costs milliseconds (the JDK
 * generates its glue), so a run pays only for the functions it calls. A function made with
 * {@link #withErrno} takes the calling thread's {@link #callState()} as its first argument and
 * leaves errno there.
 */
final class FfmFunction {
    static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ThreadLocal<MemorySegment> STATE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CALL_STATE));

    private final SymbolLookup library;
    private final String name;
    private final FunctionDescriptor descriptor;
    private final Linker.Option[] options;
    private volatile MethodHandle handle;

    private FfmFunction(SymbolLookup library, String name, FunctionDescriptor descriptor, Linker.Option... options) {
        this.library = library;
        this.name = name;
        this.descriptor = descriptor;
        this.options = options;
    }

    static FfmFunction of(SymbolLookup library, String name, FunctionDescriptor descriptor) {
        return new FfmFunction(library, name, descriptor);
    }

    /** errno matters after this function fails: it is captured into {@link #callState()}. */
    static FfmFunction withErrno(SymbolLookup library, String name, FunctionDescriptor descriptor) {
        return new FfmFunction(library, name, descriptor, Linker.Option.captureCallState("errno"));
    }

    /** A short call that may read and write Java arrays in place (no copy; GC waits for it). */
    static FfmFunction critical(SymbolLookup library, String name, FunctionDescriptor descriptor) {
        return new FfmFunction(library, name, descriptor, Linker.Option.critical(true));
    }

    MethodHandle handle() {
        MethodHandle h = handle;
        if (h == null) {
            MemorySegment symbol = library.find(name)
                    .orElseThrow(() -> new UnsatisfiedLinkError("no symbol " + name + " in the native library"));
            h = LINKER.downcallHandle(symbol, descriptor, options);
            handle = h;
        }
        return h;
    }

    /** This thread's errno slot, the first argument of functions made {@link #withErrno}. */
    static MemorySegment callState() {
        return STATE.get();
    }

    /** errno as the last {@link #withErrno} call on this thread left it. */
    static int errno() {
        return (int) ERRNO.get(STATE.get(), 0L);
    }

    /** invokeExact declares Throwable: passes on what a native call can really throw. */
    static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
