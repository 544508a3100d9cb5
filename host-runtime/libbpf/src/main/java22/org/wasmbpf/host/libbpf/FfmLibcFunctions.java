package org.wasmbpf.host.libbpf;

import java.lang.foreign.SymbolLookup;

/** The libc functions of {@link NativeCalls}, each bound on its first call. */
final class FfmLibcFunctions {
    final FfmFunction ifNametoindex;
    final FfmFunction open;
    final FfmFunction close;
    final FfmFunction mount;
    final FfmFunction strerror;
    final FfmFunction strlen;

    FfmLibcFunctions(SymbolLookup libc) {
        ifNametoindex = FfmFunction.of(libc, "if_nametoindex");
        // open is variadic, but its third argument (mode) is read only with O_CREAT, never passed here.
        open = FfmFunction.of(libc, "open");
        close = FfmFunction.of(libc, "close");
        mount = FfmFunction.of(libc, "mount");
        strerror = FfmFunction.of(libc, "strerror");
        strlen = FfmFunction.of(libc, "strlen");
    }
}
