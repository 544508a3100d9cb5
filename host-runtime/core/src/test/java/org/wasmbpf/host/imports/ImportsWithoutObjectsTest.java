package org.wasmbpf.host.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.wasmbpf.host.FakeGuest;
import org.wasmbpf.host.bpf.GuestBpfObjects;
import org.wasmbpf.host.spi.HostFunction;
import org.wasmbpf.host.spi.ValType;

/** Argument checking and errno results of the imports, with no BPF object loaded. */
class ImportsWithoutObjectsTest {
    private final GuestBpfObjects state = new GuestBpfObjects();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final Map<String, HostFunction> imports = WasmBpfImports
            .create(state, new PrintStream(errBytes, true, StandardCharsets.UTF_8)).stream()
            .collect(Collectors.toMap(f -> f.module() + "." + f.name(), Function.identity()));
    private final FakeGuest guest = new FakeGuest(65536, true);

    @Test
    void signaturesAreTheContractsExactly() {
        assertEquals(7, imports.size());
        assertSignature("wasm_bpf.wasm_load_bpf_object", List.of(ValType.I32, ValType.I32), ValType.I64);
        assertSignature("wasm_bpf.wasm_attach_bpf_program", List.of(ValType.I64, ValType.I32, ValType.I32), ValType.I32);
        assertSignature("wasm_bpf.wasm_bpf_map_fd_by_name", List.of(ValType.I64, ValType.I32), ValType.I32);
        assertSignature("wasm_bpf.wasm_bpf_map_operate", List.of(ValType.I32, ValType.I32, ValType.I32,
                ValType.I32, ValType.I32, ValType.I64), ValType.I32);
        assertSignature("wasm_bpf.wasm_bpf_buffer_poll", List.of(ValType.I64, ValType.I32, ValType.I32,
                ValType.I32, ValType.I32, ValType.I32, ValType.I32), ValType.I32);
        assertSignature("callback-wrapper.wasm_bpf_buffer_poll", List.of(ValType.I64, ValType.I32,
                ValType.I32, ValType.I32, ValType.I32, ValType.I32), ValType.I32);
        assertSignature("wasm_bpf.wasm_close_bpf_object", List.of(ValType.I64), ValType.I32);
    }

    @Test
    void loadFromABufferOutsideMemoryReturnsZeroAndSaysWhy() {
        assertEquals(0, call("wasm_bpf.wasm_load_bpf_object", 65000, 1000));
        String err = stderr();
        assertTrue(err.startsWith("wasm-bpf: load failed: bad object buffer: guest range [65000, 66000)"), err);
    }

    @Test
    void loadOfSomethingThatIsNoElfReturnsZeroAndSaysWhy() {
        guest.memory.putCString(100, "this is not an ELF object");
        assertEquals(0, call("wasm_bpf.wasm_load_bpf_object", 100, 25));
        assertTrue(stderr().startsWith("wasm-bpf: load failed: open BPF object 'wasm_bpf': "), stderr());
    }

    @Test
    void unknownHandlesAreEinval() {
        guest.memory.putCString(100, "prog");
        assertEquals(-WasiErrno.EINVAL, call("wasm_bpf.wasm_attach_bpf_program", 1, 100, 0));
        assertEquals(-WasiErrno.EINVAL, call("wasm_bpf.wasm_bpf_map_fd_by_name", 1, 100));
        assertEquals(-WasiErrno.EINVAL, call("wasm_bpf.wasm_close_bpf_object", 1));
        assertEquals(-WasiErrno.EINVAL, call("wasm_bpf.wasm_bpf_buffer_poll", 1, 3, 1, 0, 1000, 64, 0));
        assertEquals(-WasiErrno.EINVAL, call("wasm_bpf.wasm_bpf_buffer_poll", 0, 3, 1, 0, 1000, 64, 0));
    }

    @Test
    void badStringPointersAreEfaultOrEinval() {
        assertEquals(-WasiErrno.EFAULT, call("wasm_bpf.wasm_attach_bpf_program", 1, 70000, 0));
        assertEquals(-WasiErrno.EFAULT, call("wasm_bpf.wasm_bpf_map_fd_by_name", 1, -4));
        java.util.Arrays.fill(guest.memory.raw(), 0, 65536, (byte) 'a');
        assertEquals(-WasiErrno.EINVAL, call("wasm_bpf.wasm_bpf_map_fd_by_name", 1, 16));
    }

    @Test
    void mapOperationsOnFdsTheGuestDidNotLoadAreEbadf() {
        for (int cmd = 1; cmd <= 4; cmd++) {
            assertEquals(-WasiErrno.EBADF, call("wasm_bpf.wasm_bpf_map_operate", 0, cmd, 100, 200, 300, 0L));
            assertEquals(-WasiErrno.EBADF, call("wasm_bpf.wasm_bpf_map_operate", 1, cmd, 100, 200, 300, 0L));
        }
    }

    @Test
    void unsupportedMapCommandsAreEinval() {
        for (int cmd : new int[] {0, 5, 6, -1}) {
            assertEquals(-WasiErrno.EINVAL, call("wasm_bpf.wasm_bpf_map_operate", 3, cmd, 100, 200, 300, 0L));
        }
    }

    @Test
    void pollWithADataBufferOutsideMemoryIsEfault() {
        assertEquals(-WasiErrno.EFAULT, call("wasm_bpf.wasm_bpf_buffer_poll", 1, 3, 1, 0, 65530, 64, 0));
        assertEquals(-WasiErrno.EFAULT, call("callback-wrapper.wasm_bpf_buffer_poll", 1, 3, 0, 65530, 64, 0));
    }

    @Test
    void tinyGoPollWithoutTheGoCallbackExportIsEinval() {
        FakeGuest noExport = new FakeGuest(65536, false);
        HostFunction poll = imports.get("callback-wrapper.wasm_bpf_buffer_poll");
        assertEquals(-WasiErrno.EINVAL, (int) poll.body().call(noExport, new long[] {1, 3, 0, 100, 64, 0})[0]);
    }

    @Test
    void afterStopEveryPollIsEintr() {
        state.requestStop();
        assertEquals(-WasiErrno.EINTR, call("wasm_bpf.wasm_bpf_buffer_poll", 1, 3, 1, 0, 1000, 64, 1000));
    }

    private long call(String name, long... args) {
        return imports.get(name).body().call(guest, args)[0];
    }

    private String stderr() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private void assertSignature(String name, List<ValType> params, ValType result) {
        HostFunction f = imports.get(name);
        assertEquals(params, f.params(), name);
        assertEquals(List.of(result), f.results(), name);
    }
}
