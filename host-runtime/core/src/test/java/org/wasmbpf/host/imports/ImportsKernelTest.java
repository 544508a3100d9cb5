package org.wasmbpf.host.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wasmbpf.host.imports.GetppidSamples.counts;
import static org.wasmbpf.host.imports.GetppidSamples.le;
import static org.wasmbpf.host.imports.GetppidSamples.range;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wasmbpf.host.FakeGuest;
import org.wasmbpf.host.bpf.GuestBpfObjects;
import org.wasmbpf.host.libbpf.testing.KernelObjects;
import org.wasmbpf.host.libbpf.testing.TestBpfObjects;
import org.wasmbpf.host.libbpf.testing.TestLibc;
import org.wasmbpf.host.spi.HostFunction;

/**
 * The imports against the real kernel, driven as a guest would: the getppid test object is
 * loaded from guest memory, the tracepoint fires on this JVM's getppid() calls, and samples
 * come back through the recorded guest callback.
 */
class ImportsKernelTest {
    private static final int ELF_AT = 0x1000;
    private static final int NAMES_AT = 0x100;
    private static final int DATA_AT = 0x40000;
    private static final int KEY_AT = 0x300;
    private static final int VALUE_AT = 0x340;
    private static final int NEXT_AT = 0x380;
    private static final int EVENT_SIZE = 16;
    private static final int CTX = 0x1234;
    private static final int TABLE_INDEX = 7;

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final List<GuestBpfObjects> states = new ArrayList<>();

    @AfterEach
    void closeEverything() {
        states.forEach(GuestBpfObjects::closeAll);
    }

    /** A guest with its own state and imports. */
    private final class Guest {
        final GuestBpfObjects state = new GuestBpfObjects("getppid");
        final FakeGuest instance = new FakeGuest(1 << 20, true);
        final Map<String, HostFunction> imports = WasmBpfImports
                .create(state, new PrintStream(errBytes, true, StandardCharsets.UTF_8)).stream()
                .collect(Collectors.toMap(f -> f.module() + "." + f.name(), Function.identity()));

        Guest() {
            states.add(state);
        }

        long call(String name, long... args) {
            return imports.get(name).body().call(instance, args)[0];
        }

        long load(byte[] elf) {
            System.arraycopy(elf, 0, instance.memory.raw(), ELF_AT, elf.length);
            return call("wasm_bpf.wasm_load_bpf_object", ELF_AT, elf.length);
        }

        int mapFd(long obj, String name) {
            return (int) call("wasm_bpf.wasm_bpf_map_fd_by_name", obj, instance.memory.putCString(NAMES_AT, name));
        }

        int attach(long obj, String prog) {
            return (int) call("wasm_bpf.wasm_attach_bpf_program", obj, instance.memory.putCString(NAMES_AT, prog), 0);
        }

        int poll(long obj, int fd, int maxSize, int timeoutMs) {
            return (int) call("wasm_bpf.wasm_bpf_buffer_poll", obj, fd, TABLE_INDEX, CTX, DATA_AT, maxSize, timeoutMs);
        }

        int operate(int fd, int cmd, long flags) {
            return (int) call("wasm_bpf.wasm_bpf_map_operate", fd, cmd, KEY_AT, VALUE_AT, NEXT_AT, flags);
        }

        /** Loads the getppid object targeting this JVM and attaches its program. */
        long loadAttached() throws Exception {
            byte[] elf = TestBpfObjects.compile("getppid");
            TestBpfObjects.patchU32(elf, ".rodata", 0, TestLibc.getpid());
            long obj = load(elf);
            assertTrue(obj > 0, "load failed: " + stderr());
            assertEquals(0, attach(obj, "on_getppid"), stderr());
            return obj;
        }

        /** Polls until {@code n} callbacks were recorded or 5 s passed. */
        void pollUntil(long obj, int fd, int maxSize, int n) {
            long deadline = System.currentTimeMillis() + 5000;
            while (instance.calls.size() < n && System.currentTimeMillis() < deadline) {
                int r = poll(obj, fd, maxSize, 100);
                assertTrue(r >= 0, "poll returned " + r);
            }
        }
    }

    @Test
    void everySampleOfBothBufferMapsReachesTheGuestThroughSeparateConsumers() throws Exception {
        Guest g = new Guest();
        long obj = g.loadAttached();
        assertEquals(1, obj, "handles count from 1");
        int rb = g.mapFd(obj, "events_rb");
        int pb = g.mapFd(obj, "events_pb");
        assertTrue(rb > 0 && pb > 0 && rb != pb);
        assertEquals(0, g.poll(obj, pb, 64, 0), "the first poll opens the perf consumer");
        int calls = 40;
        for (int i = 0; i < calls; i++) {
            TestLibc.getppid();
        }
        g.pollUntil(obj, rb, 64, calls);
        assertEquals(range(1, calls), counts(g.instance.calls));
        assertDelivered(g.instance.calls, EVENT_SIZE);
        g.instance.calls.clear();
        g.pollUntil(obj, pb, 64, calls);
        assertEquals(range(1, calls), counts(g.instance.calls));
        // The kernel pads perf raw samples so that size header + data is a multiple of 8.
        assertDelivered(g.instance.calls, EVENT_SIZE + 4);
    }

    private static void assertDelivered(List<FakeGuest.Call> calls, int size) {
        for (FakeGuest.Call c : calls) {
            assertEquals(TABLE_INDEX, c.table());
            assertEquals(CTX, c.ctx());
            assertEquals(DATA_AT, c.data());
            assertEquals(size, c.size());
            assertEquals(TestLibc.getpid(), le(c.bytes()).getInt(0));
        }
    }

    @Test
    void truncatedSamplesReportTheCopiedSizeAndWriteNoFurther() throws Exception {
        Guest g = new Guest();
        long obj = g.loadAttached();
        int rb = g.mapFd(obj, "events_rb");
        Arrays.fill(g.instance.memory.raw(), DATA_AT, DATA_AT + 64, (byte) 0x5A);
        TestLibc.getppid();
        g.pollUntil(obj, rb, 6, 1);
        assertEquals(1, g.instance.calls.size());
        FakeGuest.Call c = g.instance.calls.get(0);
        assertEquals(6, c.size());
        assertArrayEquals(Arrays.copyOf(le(new byte[4]).putInt(0, TestLibc.getpid()).array(), 4),
                Arrays.copyOf(c.bytes(), 4), "the copy starts with the tgid");
        assertEquals((byte) 0x5A, g.instance.memory.raw()[DATA_AT + 6], "nothing written past max_size");
    }

    @Test
    void aNonZeroCallbackResultStopsThePollAndIsReturnedAndTheRestComeNext() throws Exception {
        Guest g = new Guest();
        long obj = g.loadAttached();
        int rb = g.mapFd(obj, "events_rb");
        for (int i = 0; i < 3; i++) {
            TestLibc.getppid();
        }
        g.instance.callbackReturns(() -> 42);
        assertEquals(42, g.poll(obj, rb, 64, 1000));
        assertEquals(1, g.instance.calls.size());
        g.instance.callbackReturns(() -> 0);
        assertEquals(2, g.poll(obj, rb, 64, 1000));
        assertEquals(range(1, 3), counts(g.instance.calls));
    }

    @Test
    void theTinyGoPollCallsTheGoCallbackExport() throws Exception {
        Guest g = new Guest();
        long obj = g.loadAttached();
        int rb = g.mapFd(obj, "events_rb");
        TestLibc.getppid();
        TestLibc.getppid();
        assertEquals(2, (int) g.call("callback-wrapper.wasm_bpf_buffer_poll", obj, rb, CTX, DATA_AT, 64, 1000));
        assertEquals(List.of(FakeGuest.GO_CALLBACK, FakeGuest.GO_CALLBACK),
                g.instance.calls.stream().map(FakeGuest.Call::table).toList());
        assertEquals(range(1, 2), counts(g.instance.calls));
    }

    @Test
    void mapOperationsRoundTripThroughGuestMemory() throws Exception {
        Guest g = new Guest();
        long obj = g.loadAttached();
        int counts = g.mapFd(obj, "counts");
        for (int i = 0; i < 5; i++) {
            TestLibc.getppid();
        }
        byte[] mem = g.instance.memory.raw();
        le(mem).putInt(KEY_AT, TestLibc.getpid());
        assertEquals(0, g.operate(counts, WasmBpfMapOperate.LOOKUP, 0));
        assertEquals(5, le(mem).getLong(VALUE_AT));

        le(mem).putInt(KEY_AT, 7).putLong(VALUE_AT, 700);
        assertEquals(0, g.operate(counts, WasmBpfMapOperate.UPDATE, 1 /* BPF_NOEXIST */));
        assertEquals(-20 /* WASI EEXIST */, g.operate(counts, WasmBpfMapOperate.UPDATE, 1));
        le(mem).putLong(VALUE_AT, 0);
        assertEquals(0, g.operate(counts, WasmBpfMapOperate.LOOKUP, 0));
        assertEquals(700, le(mem).getLong(VALUE_AT));

        List<Integer> keys = new ArrayList<>();
        int r = (int) g.call("wasm_bpf.wasm_bpf_map_operate", counts, WasmBpfMapOperate.GET_NEXT_KEY, 0, 0, NEXT_AT, 0L);
        while (r == 0) {
            int k = le(mem).getInt(NEXT_AT);
            keys.add(k);
            le(mem).putInt(KEY_AT, k);
            r = g.operate(counts, WasmBpfMapOperate.GET_NEXT_KEY, 0);
        }
        assertEquals(-WasiErrno.ENOENT, r);
        assertEquals(List.of(7, TestLibc.getpid()), keys.stream().sorted().toList());

        le(mem).putInt(KEY_AT, 7);
        assertEquals(0, g.operate(counts, WasmBpfMapOperate.DELETE, 0));
        assertEquals(-WasiErrno.ENOENT, g.operate(counts, WasmBpfMapOperate.LOOKUP, 0));
        assertEquals(-WasiErrno.ENOENT, g.operate(counts, WasmBpfMapOperate.DELETE, 0));
        assertEquals(-WasiErrno.EFAULT, (int) g.call("wasm_bpf.wasm_bpf_map_operate", counts,
                WasmBpfMapOperate.LOOKUP, KEY_AT, (1 << 20) - 4, 0, 0L));
    }

    @Test
    void fdsOfAnotherGuestsObjectAreEbadfForMapsAndPolls() throws Exception {
        Guest owner = new Guest();
        long obj = owner.loadAttached();
        int counts = owner.mapFd(obj, "counts");
        int rb = owner.mapFd(obj, "events_rb");
        Guest other = new Guest();
        long otherObj = other.loadAttached();
        assertEquals(1, otherObj, "each guest counts its own handles");
        assertEquals(-WasiErrno.EBADF, other.operate(counts, WasmBpfMapOperate.LOOKUP, 0));
        assertEquals(-WasiErrno.EBADF, other.operate(rb, WasmBpfMapOperate.LOOKUP, 0));
        assertEquals(-WasiErrno.EBADF, other.poll(otherObj, rb, 64, 0));
        assertEquals(-WasiErrno.EBADF, other.operate(0, WasmBpfMapOperate.LOOKUP, 0), "stdin is no map");
        assertEquals(-WasiErrno.EINVAL, other.poll(otherObj, other.mapFd(otherObj, "counts"), 64, 0), "not a buffer");
    }

    @Test
    void requestStopEndsABlockedPollPromptlyWithEintr() throws Exception {
        Guest g = new Guest();
        long obj = g.loadAttached();
        int rb = g.mapFd(obj, "events_rb");
        Thread stopper = new Thread(() -> {
            sleep(300);
            g.state.requestStop();
        });
        long start = System.nanoTime();
        stopper.start();
        assertEquals(-WasiErrno.EINTR, g.poll(obj, rb, 64, -1));
        long ms = (System.nanoTime() - start) / 1_000_000;
        stopper.join();
        assertTrue(ms >= 250 && ms < 1000, "returned after " + ms + " ms");
        assertEquals(-WasiErrno.EINTR, g.poll(obj, rb, 64, 0), "and every later poll");
    }

    @Test
    void closeAllFromAnotherThreadDuringAPollReleasesTheKernelObjects() throws Exception {
        Guest g = new Guest();
        long obj = g.loadAttached();
        int rb = g.mapFd(obj, "events_rb");
        assertFalse(KernelObjects.programIds("on_getppid").isEmpty());
        Thread closer = new Thread(() -> {
            sleep(200);
            g.state.closeAll();
        });
        closer.start();
        assertEquals(-WasiErrno.EINTR, g.poll(obj, rb, 64, 5000));
        closer.join();
        assertEquals(0, g.state.size());
        assertEquals(List.of(), KernelObjects.programIds("on_getppid"));
        assertEquals(-WasiErrno.EBADF, g.operate(rb, WasmBpfMapOperate.LOOKUP, 0));
    }

    @Test
    void closingTheObjectInsideItsOwnCallbackIsSafe() throws Exception {
        Guest g = new Guest();
        long obj = g.loadAttached();
        int rb = g.mapFd(obj, "events_rb");
        TestLibc.getppid();
        TestLibc.getppid();
        List<Long> closeResults = new ArrayList<>();
        g.instance.duringCallback(() -> {
            if (closeResults.isEmpty()) {
                closeResults.add(g.call("wasm_bpf.wasm_close_bpf_object", obj));
            }
        });
        int r = g.poll(obj, rb, 64, 1000);
        assertEquals(2, r, "the poll in progress finishes its samples");
        assertEquals(List.of(0L), closeResults);
        g.instance.duringCallback(() -> {});
        assertEquals(-WasiErrno.EINVAL, g.poll(obj, rb, 64, 0));
        assertEquals(List.of(), KernelObjects.programIds("on_getppid"));
    }

    @Test
    void aVerifierRejectionIsReportedWithTheVerifierLogAndTheGuestGetsZero() throws Exception {
        Guest g = new Guest();
        assertEquals(0, g.load(TestBpfObjects.compile("rejected")));
        String err = stderr();
        assertTrue(err.startsWith("wasm-bpf: load failed: load BPF object 'getppid': Permission denied"), err);
        assertTrue(err.contains("invalid mem access 'map_value_or_null'"), err);
        assertEquals(0, g.state.size());
    }

    @Test
    void attachingToAMissingTracepointIsReportedAndReturnsTheErrno() throws Exception {
        Guest g = new Guest();
        long obj = g.load(TestBpfObjects.compile("no_such_tracepoint"));
        assertTrue(obj > 0, stderr());
        assertEquals(-WasiErrno.ENOENT, g.attach(obj, "nowhere"));
        assertTrue(stderr().startsWith("wasm-bpf: attach failed: attach program 'nowhere' (section "
                + "'tracepoint/syscalls/sys_enter_no_such_syscall_xyz'): No such file or directory"), stderr());
        assertEquals(-WasiErrno.ENOENT, g.attach(obj, "no_such_program"));
    }

    private String stderr() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
