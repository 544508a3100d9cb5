package org.wasmbpf.host.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.wasmbpf.host.FakeGuest;
import org.wasmbpf.host.bpf.GuestBpfObjects;
import org.wasmbpf.host.libbpf.testing.TestBpfObjects;
import org.wasmbpf.host.libbpf.testing.TestLibc;
import org.wasmbpf.host.spi.HostFunction;

/**
 * The getppid test object, loaded and attached through the real imports on behalf of a {@link
 * FakeGuest}, and polled as a guest polls: its programs fire on this JVM's getppid() calls.
 */
final class GetppidPoll implements AutoCloseable {
    static final int DATA_AT = 0x40000;
    static final int EVENT_SIZE = 16;
    static final int CTX = 0x77;
    static final int TABLE_INDEX = 3;
    private static final int ELF_AT = 0x1000;
    private static final int NAMES_AT = 0x100;

    final GuestBpfObjects state = new GuestBpfObjects("getppid");
    final FakeGuest guest;
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final Map<String, HostFunction> imports = WasmBpfImports
            .create(state, new PrintStream(errBytes, true, StandardCharsets.UTF_8)).stream()
            .collect(Collectors.toMap(f -> f.module() + "." + f.name(), Function.identity()));
    private long obj;

    GetppidPoll(FakeGuest guest) {
        this.guest = guest;
    }

    void loadAttached() throws Exception {
        byte[] elf = TestBpfObjects.compile("getppid");
        TestBpfObjects.patchU32(elf, ".rodata", 0, TestLibc.getpid());
        System.arraycopy(elf, 0, guest.memory.raw(), ELF_AT, elf.length);
        obj = call("wasm_bpf.wasm_load_bpf_object", ELF_AT, elf.length);
        assertTrue(obj > 0, "load failed: " + errBytes);
        assertEquals(0, call("wasm_bpf.wasm_attach_bpf_program", obj,
                guest.memory.putCString(NAMES_AT, "on_getppid"), 0), errBytes.toString());
    }

    int fd(String map) {
        return (int) call("wasm_bpf.wasm_bpf_map_fd_by_name", obj, guest.memory.putCString(NAMES_AT, map));
    }

    int poll(int fd, int maxSize, int timeoutMs) {
        return (int) call("wasm_bpf.wasm_bpf_buffer_poll", obj, fd, TABLE_INDEX, CTX, DATA_AT, maxSize, timeoutMs);
    }

    static void getppid(int times) {
        for (int i = 0; i < times; i++) {
            TestLibc.getppid();
        }
    }

    private long call(String name, long... args) {
        return imports.get(name).body().call(guest, args)[0];
    }

    @Override
    public void close() {
        state.closeAll();
    }
}
