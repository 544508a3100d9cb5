package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wasmbpf.tests.support.CliProcess;
import org.wasmbpf.tests.support.Engines;
import org.wasmbpf.tests.support.KernelObjects;
import org.wasmbpf.tests.support.TestBpfObjects;
import org.wasmbpf.tests.support.TestGuests;

/**
 * Bad BPF objects and bad arguments, passed by a guest (bad_objects.c) straight to the wasm_bpf
 * imports, end to end through {@code wasm-bpf run}: the guest gets 0 or the documented errno in
 * WASI numbering (EFAULT 21, EBADF 8, EINVAL 28, ENOENT 44), the user gets one line naming the
 * cause (with libbpf's or the verifier's last lines indented under it), and nothing stays in the
 * kernel. The guest exits 0 after printing what the imports returned.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BadObjectsCliTest {
    private static Path guest;

    @BeforeAll
    static void build() throws Exception {
        guest = TestGuests.build("bad_objects", TestBpfObjects.header());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void anObjectThatIsNotElfGivesZeroAndSaysSo(String engine) throws Exception {
        Run r = run(engine, "not-elf");
        assertEquals(List.of("load -> 0"), r.out, r.transcript);
        assertTrue(r.err.get(0).startsWith("wasm-bpf: load failed: open BPF object 'bad_objects': "),
                "named after the module file: " + r.transcript);
        assertTrue(r.err.get(0).endsWith(": BPF object format invalid"), "libbpf's own words for its code: " + r.transcript);
        assertTrue(r.err.stream().anyMatch(l -> l.contains("is not a proper ELF object")), r.transcript);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void anElfWithoutBtfGivesZeroAndSaysBtfIsMissing(String engine) throws Exception {
        Run r = run(engine, "no-btf");
        assertEquals(List.of("load -> 0"), r.out, r.transcript);
        assertTrue(r.err.get(0).startsWith("wasm-bpf: load failed: open BPF object"), r.transcript);
        assertTrue(r.err.stream().anyMatch(l -> l.contains("BTF is required, but is missing")), r.transcript);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void aProgramTheVerifierRejectsGivesZeroAndTheVerifiersLastLines(String engine) throws Exception {
        Run r = run(engine, "rejected");
        assertEquals(List.of("load -> 0"), r.out, r.transcript);
        assertTrue(r.err.get(0).startsWith("wasm-bpf: load failed: "), r.transcript);
        assertTrue(r.err.stream().anyMatch(l -> l.contains("R0 invalid mem access 'map_value_or_null'")),
                "the verifier's reason:\n" + r.transcript);
        assertTrue(r.err.stream().skip(1).allMatch(l -> l.startsWith("  ")), "log lines indented:\n" + r.transcript);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void attachingToATracepointThatDoesNotExistIsEnoent(String engine) throws Exception {
        Run r = run(engine, "no-tracepoint");
        assertEquals(List.of("load -> handle", "attach -> -44"), r.out, r.transcript);
        assertTrue(r.err.get(0).startsWith("wasm-bpf: attach failed: attach program 'nowhere' (section"
                + " 'tracepoint/syscalls/sys_enter_no_such_syscall_xyz')"), r.transcript);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void pointersOutsideMemoryAreEfaultIncludingPtrPlusLenWrappingPast4GiB(String engine) throws Exception {
        Run r = run(engine, "bad-pointers");
        assertEquals(List.of("load far -> 0", "load wrapping -> 0", "map fd -> fd", "fd by far name -> -21",
                "update far key -> -21", "update wrapping value -> -21", "lookup far value -> -21",
                "attach far name -> -21", "poll far buffer -> -21", "update ok -> 0"), r.out, r.transcript);
        assertEquals(List.of(
                "wasm-bpf: load failed: bad object buffer: guest range [4294967280, 4294971376) is outside memory of"
                        + " 131072 bytes",
                "wasm-bpf: load failed: bad object buffer: guest range [4294967294, 4294967302) is outside memory of"
                        + " 131072 bytes"), r.err, r.transcript);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void aClosedObjectsFdsAreEbadfAndItsHandleEinval(String engine) throws Exception {
        Run r = run(engine, "closed");
        assertEquals(List.of("close -> 0", "lookup on closed fd -> -8", "fd by name on closed handle -> -28",
                "attach on closed handle -> -28", "poll on closed handle -> -28", "close again -> -28"), r.out,
                r.transcript);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void pollingAMapThatIsNoBufferIsEinval(String engine) throws Exception {
        Run r = run(engine, "poll-not-buffer");
        assertEquals(List.of("poll hash map -> -28"), r.out, r.transcript);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void handlesAreSmallCountersFromOneNotHostAddresses(String engine) throws Exception {
        Run r = run(engine, "handles");
        assertEquals(List.of("handles -> 1 2"), r.out, r.transcript);
    }

    record Run(List<String> out, List<String> err, String transcript) {}

    /** Runs one case; the guest must exit 0 and leave nothing in the kernel. */
    static Run run(String engine, String... args) throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        Run r;
        try (CliProcess cli = CliProcess.run(engine, guest, args)) {
            int code = cli.waitFor(Duration.ofSeconds(60));
            r = new Run(cli.stdout(), cli.stderr(), cli.transcript());
            assertEquals(0, code, r.transcript);
        }
        CleanupCliTest.assertNothingLeft(before);
        return r;
    }
}
