package org.wasmbpf.host;

import java.io.PrintStream;
import java.util.List;
import org.wasmbpf.host.bpf.GuestBpfObjects;
import org.wasmbpf.host.imports.CallbackWrapperBufferPoll;
import org.wasmbpf.host.imports.WasmBpfBufferPoll;
import org.wasmbpf.host.imports.WasmBpfImports;
import org.wasmbpf.host.imports.WasmLoadBpfObject;
import org.wasmbpf.host.spi.HostFunction;

/**
 * Applies {@link GuestLimits} at the import boundary, around the imports themselves, so the
 * imports and the BPF state stay unaware of policy: loads beyond the object limit return 0,
 * poll timeouts are clamped to the ceiling before the poll sees them.
 */
final class ImportLimits {
    /** Index of {@code timeout_ms} in each poll import's parameters. */
    private static final int POLL_TIMEOUT_ARG = 6;
    private static final int TINYGO_POLL_TIMEOUT_ARG = 5;

    private ImportLimits() {}

    static List<HostFunction> apply(List<HostFunction> imports, GuestLimits limits, GuestBpfObjects bpf,
            PrintStream err) {
        return imports.stream().map(f -> limit(f, limits, bpf, err)).toList();
    }

    private static HostFunction limit(HostFunction f, GuestLimits limits, GuestBpfObjects bpf, PrintStream err) {
        if (is(f, WasmBpfImports.MODULE, WasmLoadBpfObject.NAME)) {
            return withBody(f, (guest, args) -> {
                // Loads run on the guest's one thread, so the count cannot change in between.
                if (bpf.size() >= limits.maxObjects()) {
                    err.println("wasm-bpf: load failed: the guest already has " + bpf.size()
                            + " BPF objects loaded, the most it may have (limit " + limits.maxObjects() + ")");
                    err.flush();
                    return new long[] {0};
                }
                return f.body().call(guest, args);
            });
        }
        if (is(f, WasmBpfImports.MODULE, WasmBpfBufferPoll.NAME)) {
            return clampTimeout(f, POLL_TIMEOUT_ARG, limits);
        }
        if (is(f, WasmBpfImports.CALLBACK_WRAPPER_MODULE, CallbackWrapperBufferPoll.NAME)) {
            return clampTimeout(f, TINYGO_POLL_TIMEOUT_ARG, limits);
        }
        return f;
    }

    private static HostFunction clampTimeout(HostFunction f, int arg, GuestLimits limits) {
        long ceiling = limits.pollTimeoutCeiling().toMillis();
        return withBody(f, (guest, args) -> {
            int timeout = (int) args[arg];
            if (timeout < 0 || timeout > ceiling) {
                long[] clamped = args.clone();
                clamped[arg] = ceiling;
                return f.body().call(guest, clamped);
            }
            return f.body().call(guest, args);
        });
    }

    private static boolean is(HostFunction f, String module, String name) {
        return f.module().equals(module) && f.name().equals(name);
    }

    private static HostFunction withBody(HostFunction f, HostFunction.Body body) {
        return new HostFunction(f.module(), f.name(), f.params(), f.results(), body);
    }
}
