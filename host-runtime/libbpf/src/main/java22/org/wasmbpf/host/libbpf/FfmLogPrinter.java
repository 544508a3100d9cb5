package org.wasmbpf.host.libbpf;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * libbpf's print callback, {@code int (*)(enum libbpf_print_level, const char *, va_list)}, as a
 * java.lang.foreign upcall into {@link LibbpfPrinter}. Its stub takes and returns 64-bit words,
 * as {@link FfmFunction#WORDS} calls do and for the same reason that is sound (each argument in a
 * register of its own; the int level is the low half of its register, which {@code (int)}
 * keeps): the JDK's glue for it is then about half as costly to generate as with an int and two
 * addresses, which it would wrap as MemorySegments (one cold JVM: ~22 against ~45-60 ms).
 */
final class FfmLogPrinter {
    private static final FunctionDescriptor PRINT_FN = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    /** A static method is the cheapest upcall target: a bound instance method adds a method handle to build. */
    private static volatile NativeBinding binding;

    private FfmLogPrinter() {}

    /** The upcall stub for libbpf_set_print, calling C through {@code calls}; it lives as long as the JVM. */
    static MemorySegment stub(NativeBinding calls) {
        binding = calls;
        try {
            return FfmFunction.LINKER.upcallStub(MethodHandles.lookup().findStatic(FfmLogPrinter.class, "print",
                    MethodType.methodType(long.class, long.class, long.class, long.class)), PRINT_FN, Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long print(long level, long format, long ap) {
        return LibbpfPrinter.print(binding, (int) level, format, ap);
    }
}
