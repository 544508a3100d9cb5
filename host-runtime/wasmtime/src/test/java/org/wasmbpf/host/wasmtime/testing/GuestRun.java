package org.wasmbpf.host.wasmtime.testing;

import static org.wasmbpf.host.spi.ValType.I32;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wasmbpf.host.spi.GuestConfig;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.HostFunction;
import org.wasmbpf.host.testing.TestGuests;
import org.wasmbpf.host.wasmtime.WasmtimeBackend;
import org.wasmbpf.host.wasmtime.WasmtimeGuest;

/** The test guest on the Wasmtime backend, with captured output and a settable {@code test.deliver}. */
public final class GuestRun implements AutoCloseable {
    /** What {@code test.deliver(sample_func, ctx, data, max_size)} does. */
    @FunctionalInterface
    public interface DeliverHook {
        int deliver(WasmtimeGuest guest, int sampleFunc, int ctx, int data, int maxSize);
    }

    public final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    public final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    public final WasmtimeGuest guest;
    private volatile DeliverHook hook = (g, f, c, d, m) -> -1;

    public GuestRun(List<String> args) {
        this(args, Map.of());
    }

    public GuestRun(List<String> args, Map<String, String> env) {
        GuestConfig config = new GuestConfig(args, env, new ByteArrayInputStream(new byte[0]), stdout, stderr);
        guest = (WasmtimeGuest) new WasmtimeBackend().instantiate(TestGuests.build("testguest"), config, imports());
    }

    public static HostFunction deliverImport(DeliverHookRef ref) {
        return new HostFunction("test", "deliver", List.of(I32, I32, I32, I32), List.of(I32),
                (g, a) -> new long[] {ref.get().deliver((WasmtimeGuest) g, (int) a[0], (int) a[1], (int) a[2], (int) a[3])});
    }

    /** Indirection so the import can be created before the guest. */
    @FunctionalInterface
    public interface DeliverHookRef {
        DeliverHook get();
    }

    private List<HostFunction> imports() {
        List<HostFunction> out = new ArrayList<>();
        out.add(deliverImport(() -> hook));
        return out;
    }

    public GuestRun onDeliver(DeliverHook hook) {
        this.hook = hook;
        return this;
    }

    public int run() {
        return guest.runStart();
    }

    public String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    public String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    public GuestInstance instance() {
        return guest;
    }

    @Override
    public void close() {
        guest.close();
    }
}
