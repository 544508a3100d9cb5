package org.wasmbpf.host.wasmtime.wasi;

import static org.wasmbpf.host.spi.ValType.I32;

import java.security.SecureRandom;
import java.util.List;
import org.wasmbpf.host.GuestPointers;
import org.wasmbpf.host.imports.WasiErrno;
import org.wasmbpf.host.spi.HostFunction;

/** {@code proc_exit}, {@code random_get}, {@code sched_yield}. */
final class WasiProc {
    private static final SecureRandom RANDOM = new SecureRandom();

    private WasiProc() {}

    static List<HostFunction> functions() {
        return List.of(
                new HostFunction(WasiPreview1.MODULE, "proc_exit", List.of(I32), List.of(), (g, a) -> {
                    throw new GuestExit((int) a[0]);
                }),
                new HostFunction(WasiPreview1.MODULE, "random_get", List.of(I32, I32), List.of(I32),
                        (g, a) -> new long[] {WasiPreview1.guarded(() -> {
                            GuestPointers.checkRange(g.memory(), (int) a[0], (int) a[1]);
                            byte[] bytes = new byte[(int) a[1]];
                            RANDOM.nextBytes(bytes);
                            GuestPointers.write(g.memory(), (int) a[0], bytes);
                            return WasiErrno.SUCCESS;
                        })}),
                new HostFunction(WasiPreview1.MODULE, "sched_yield", List.of(), List.of(I32), (g, a) -> {
                    Thread.yield();
                    return new long[] {WasiErrno.SUCCESS};
                }));
    }
}
