package org.wasmbpf.host.libbpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * libbpf's print callback as a java.lang.foreign upcall: expands the printf format and va_list
 * with libc's vsnprintf and hands the text to {@link LibbpfLog}.
 */
final class FfmLogPrinter {
    private static final int FIRST_BUFFER = 8192;
    private static final int MAX_BUFFER = 16 << 20;
    private static final int VA_LIST_SIZE = VaList.size();
    private static final FfmFunction VSNPRINTF = FfmFunction.of(FfmFunction.LINKER.defaultLookup(), "vsnprintf");
    private static final FunctionDescriptor PRINT_FN = FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);

    private FfmLogPrinter() {}

    /** The upcall stub for libbpf_set_print; it lives as long as the JVM. */
    static MemorySegment stub() {
        try {
            return FfmFunction.LINKER.upcallStub(MethodHandles.lookup().findStatic(FfmLogPrinter.class, "print",
                    MethodType.methodType(int.class, int.class, MemorySegment.class, MemorySegment.class)),
                    PRINT_FN, Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int print(int level, MemorySegment format, MemorySegment ap) {
        try {
            if (LibbpfLog.wants(level)) {
                LibbpfLog.print(level, format(format, ap));
            }
        } catch (Throwable ignored) {
            // Nothing may propagate into libbpf (an upcall that throws ends the JVM).
        }
        return 0;
    }

    private static String format(MemorySegment format, MemorySegment ap) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment apCopy = null;
            if (VA_LIST_SIZE > 0) {
                // va_copy by hand: vsnprintf consumes ap, and a long verifier log needs a second pass.
                apCopy = arena.allocate(VA_LIST_SIZE);
                MemorySegment.copy(ap.reinterpret(VA_LIST_SIZE), 0, apCopy, 0, VA_LIST_SIZE);
            }
            MemorySegment buf = arena.allocate(FIRST_BUFFER);
            int needed = (int) VSNPRINTF.call(buf.address(), FIRST_BUFFER, format.address(), ap.address());
            if (needed < 0) {
                return "";
            }
            if (needed < FIRST_BUFFER || apCopy == null) {
                return buf.getString(0);
            }
            int size = Math.min(needed + 1, MAX_BUFFER);
            MemorySegment big = arena.allocate(size);
            int written = (int) VSNPRINTF.call(big.address(), size, format.address(), apCopy.address());
            return written < 0 ? "" : big.getString(0);
        }
    }
}
