package org.wasmbpf.host.wasmtime.wasi;

import static org.wasmbpf.host.spi.ValType.I32;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.wasmbpf.host.GuestPointers;
import org.wasmbpf.host.imports.WasiErrno;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.HostFunction;

/** {@code args_get}, {@code args_sizes_get}, {@code environ_get}, {@code environ_sizes_get}. */
final class WasiArgsEnv {
    private WasiArgsEnv() {}

    static List<HostFunction> functions(List<String> args, List<String> env) {
        List<byte[]> argv = encode(args);
        List<byte[]> envp = encode(env);
        return List.of(
                fn("args_get", (g, a) -> get(g, argv, (int) a[0], (int) a[1])),
                fn("args_sizes_get", (g, a) -> sizes(g, argv, (int) a[0], (int) a[1])),
                fn("environ_get", (g, a) -> get(g, envp, (int) a[0], (int) a[1])),
                fn("environ_sizes_get", (g, a) -> sizes(g, envp, (int) a[0], (int) a[1])));
    }

    private interface Body {
        int call(GuestInstance g, long[] a);
    }

    private static HostFunction fn(String name, Body body) {
        return new HostFunction(WasiPreview1.MODULE, name, List.of(I32, I32), List.of(I32),
                (g, a) -> new long[] {WasiPreview1.guarded(() -> body.call(g, a))});
    }

    private static List<byte[]> encode(List<String> strings) {
        List<byte[]> out = new ArrayList<>();
        for (String s : strings) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            byte[] z = new byte[utf8.length + 1];
            System.arraycopy(utf8, 0, z, 0, utf8.length);
            out.add(z);
        }
        return out;
    }

    private static int sizes(GuestInstance g, List<byte[]> values, int countPtr, int bufSizePtr) {
        WasiMemory.writeI32(g, countPtr, values.size());
        WasiMemory.writeI32(g, bufSizePtr, values.stream().mapToInt(v -> v.length).sum());
        return WasiErrno.SUCCESS;
    }

    private static int get(GuestInstance g, List<byte[]> values, int ptrs, int buf) {
        int at = buf;
        for (int i = 0; i < values.size(); i++) {
            WasiMemory.writeI32(g, ptrs + 4 * i, at);
            GuestPointers.write(g.memory(), at, values.get(i));
            at += values.get(i).length;
        }
        return WasiErrno.SUCCESS;
    }
}
