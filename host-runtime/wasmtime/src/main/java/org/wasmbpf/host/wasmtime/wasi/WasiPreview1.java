package org.wasmbpf.host.wasmtime.wasi;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.wasmbpf.host.GuestPointers;
import org.wasmbpf.host.imports.WasiErrno;
import org.wasmbpf.host.spi.GuestConfig;
import org.wasmbpf.host.spi.HostFunction;
import org.wasmbpf.host.spi.StopSignal;
import org.wasmbpf.host.spi.ValType;

/**
 * The WASI preview1 subset a wasm-bpf command uses, written as engine-neutral host functions
 * because wasmtime-java's own WASI can only send output to files, not to Java streams. Any
 * other {@value #MODULE} function the module imports gets {@link #unsupported} (ENOSYS).
 */
public final class WasiPreview1 {
    public static final String MODULE = "wasi_snapshot_preview1";

    private final List<HostFunction> functions = new ArrayList<>();
    private final WasiFds fds;

    public WasiPreview1(GuestConfig config, StopSignal stop) {
        List<String> env = new ArrayList<>();
        if (config.env() != null) {
            config.env().forEach((k, v) -> env.add(k + "=" + v));
        }
        fds = new WasiFds(config.stdin(), config.stdout(), config.stderr());
        functions.addAll(WasiArgsEnv.functions(config.args(), env));
        functions.addAll(fds.functions());
        functions.addAll(new WasiClocks(stop).functions());
        functions.addAll(WasiProc.functions());
    }

    public List<HostFunction> functions() {
        return functions;
    }

    /** Writes out output the guest left without a final newline. */
    public void flush() {
        fds.flush();
    }

    /** A function the module imports but this WASI does not implement: returns ENOSYS. */
    public static HostFunction unsupported(String name, List<ValType> params, List<ValType> results) {
        long[] out = results.isEmpty() ? new long[0] : new long[] {WasiErrno.ENOSYS};
        return new HostFunction(MODULE, name, params, results, (g, a) -> out);
    }

    /** Runs a WASI body, turning a bad guest pointer into EFAULT and an I/O failure into EIO. */
    static int guarded(IntSupplier body) {
        try {
            return body.getAsInt();
        } catch (GuestPointers.InvalidPointerException e) {
            return WasiErrno.EFAULT;
        } catch (UncheckedIOException e) {
            return WasiErrno.EIO;
        }
    }
}
