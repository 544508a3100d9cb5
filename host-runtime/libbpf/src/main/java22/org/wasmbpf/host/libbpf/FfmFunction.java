package org.wasmbpf.host.libbpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * One C function, bound on its first call: making a downcall handle costs milliseconds (the JDK
 * generates its glue), so a run pays only for the functions it calls.
 *
 * <p>Functions made with {@link #of} are all bound with one shape, {@link #WORDS} (six 64-bit
 * integer arguments and a 64-bit integer result), and the same options. The JDK generates and
 * caches its glue per shape and options, and in a cold JVM each cost 10-20 ms, about 100 ms of a
 * start for the ten that one run used. One shape is sound for a function of at most six integer
 * or pointer parameters, not variadic, on the C ABIs of x86-64 and AArch64: every argument has a
 * register of its own, a callee reads only the registers and widths it declares, and an
 * {@code int} result is the low half of the result register, which {@code (int)} keeps.
 * {@link #critical} functions, which read Java arrays in place, share another shape.
 */
final class FfmFunction {
    static final Linker LINKER = Linker.nativeLinker();
    static final FunctionDescriptor WORDS =
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    /** {@code int f(int, address, address, long)}: {@link CFunction#CRITICAL_SHAPE}. */
    static final FunctionDescriptor CRITICAL = FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    /**
     * Summed over the members, not asked of a layout path or VarHandle: the JDK builds those from
     * method handles, ~4 ms of every cold start.
     */
    private static final long ERRNO_OFFSET = offsetOf(CALL_STATE, "errno");
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

    /**
     * A function of up to six integer or pointer parameters, called with {@link #call}; errno
     * after the call is kept for {@link #errno()}. Every such function captures errno, even those
     * that never set it: capturing is one more option, and so one more shape to generate.
     */
    static FfmFunction of(SymbolLookup library, String name) {
        return new FfmFunction(library, name, WORDS, Linker.Option.captureCallState("errno"));
    }

    /**
     * A short call that may read and write Java arrays in place (no copy; GC waits for it), called
     * through {@link #handle()} as {@link #CRITICAL}: every such function takes that shape's
     * parameters or a prefix of them (sound as {@link #WORDS} is), so they too share one shape.
     */
    static FfmFunction critical(SymbolLookup library, String name) {
        return new FfmFunction(library, name, CRITICAL, Linker.Option.critical(true));
    }

    long call() {
        return call(0, 0, 0, 0, 0, 0);
    }

    long call(long a) {
        return call(a, 0, 0, 0, 0, 0);
    }

    long call(long a, long b) {
        return call(a, b, 0, 0, 0, 0);
    }

    long call(long a, long b, long c) {
        return call(a, b, c, 0, 0, 0);
    }

    long call(long a, long b, long c, long d) {
        return call(a, b, c, d, 0, 0);
    }

    long call(long a, long b, long c, long d, long e) {
        return call(a, b, c, d, e, 0);
    }

    /** Unused trailing arguments are zero; an int result is {@code (int)} of this. Not for {@link #critical} functions. */
    long call(long a, long b, long c, long d, long e, long f) {
        try {
            return (long) handle().invokeExact(STATE.get(), a, b, c, d, e, f);
        } catch (Throwable t) {
            throw unchecked(t);
        }
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

    private static long offsetOf(StructLayout struct, String name) {
        long offset = 0;
        for (MemoryLayout member : struct.memberLayouts()) {
            if (member.name().filter(name::equals).isPresent()) {
                return offset;
            }
            offset += member.byteSize();
        }
        throw new IllegalStateException("no " + name + " in " + struct);
    }

    /** errno as the last {@link #of} call on this thread left it. */
    static int errno() {
        return FfmValues.getInt(STATE.get(), ERRNO_OFFSET);
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
