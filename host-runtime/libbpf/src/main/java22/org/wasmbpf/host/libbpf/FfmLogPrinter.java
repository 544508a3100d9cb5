package org.wasmbpf.host.libbpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** libbpf's print callback as a java.lang.foreign upcall into {@link LibbpfPrinter}. */
final class FfmLogPrinter {
    private static final FunctionDescriptor PRINT_FN = FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    /** A static method is the cheapest upcall target: a bound instance method adds a method handle to build. */
    private static volatile NativeBinding binding;

    private FfmLogPrinter() {}

    /** The upcall stub for libbpf_set_print, calling C through {@code calls}; it lives as long as the JVM. */
    static MemorySegment stub(NativeBinding calls) {
        binding = calls;
        try {
            return FfmFunction.LINKER.upcallStub(MethodHandles.lookup().findStatic(FfmLogPrinter.class, "print",
                    MethodType.methodType(int.class, int.class, MemorySegment.class, MemorySegment.class)),
                    PRINT_FN, Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int print(int level, MemorySegment format, MemorySegment ap) {
        return LibbpfPrinter.print(binding, level, format.address(), ap.address());
    }
}
