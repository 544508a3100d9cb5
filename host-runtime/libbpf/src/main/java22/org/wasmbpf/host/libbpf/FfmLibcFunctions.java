package org.wasmbpf.host.libbpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.SymbolLookup;

/** The libc functions of {@link NativeCalls}, each bound on its first call. */
final class FfmLibcFunctions {
    final FfmFunction ifNametoindex;
    final FfmFunction open;
    final FfmFunction close;
    final FfmFunction mount;
    final FfmFunction strerror;

    FfmLibcFunctions(SymbolLookup libc) {
        ifNametoindex = FfmFunction.withErrno(libc, "if_nametoindex", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        open = FfmFunction.withErrno(libc, "open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        close = FfmFunction.withErrno(libc, "close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        mount = FfmFunction.withErrno(libc, "mount",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
        strerror = FfmFunction.of(libc, "strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }
}
