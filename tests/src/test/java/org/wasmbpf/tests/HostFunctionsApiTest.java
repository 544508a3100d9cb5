package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wasmbpf.examples.embed.ExecCounter;
import org.wasmbpf.host.RunningGuest;
import org.wasmbpf.host.WasmBpfHost;
import org.wasmbpf.host.spi.ModuleRejectedException;
import org.wasmbpf.host.spi.ValType;
import org.wasmbpf.tests.support.Engines;
import org.wasmbpf.tests.support.KernelObjects;
import org.wasmbpf.tests.support.Repo;
import org.wasmbpf.tests.support.TestGuests;

/**
 * The embedding API's host functions and output lines on both engines: upstream's
 * host_func_test.plus_i32, a host function that blocks until the run is stopped, and
 * examples-embed's ExecCounter counting real execs through its plugin's host function.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostFunctionsApiTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void aGuestCallsTheEmbeddersHostFunction(String engine) throws Exception {
        List<String> out = new CopyOnWriteArrayList<>();
        RunningGuest guest = host(engine, out).start(TestGuests.build("host_funcs"));
        assertEquals(0, guest.waitFor());
        assertEquals(List.of("plus_i32(40, 2) = 42"), out);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void aBlockingHostFunctionReturnsWhenTheRunIsStopped(String engine) throws Exception {
        List<String> out = new CopyOnWriteArrayList<>();
        RunningGuest guest = WasmBpfHost.builder().backend(Engines.backend(engine)).args(List.of("wait"))
                .gracePeriod(Duration.ofSeconds(30))
                .hostFunction("host_func_test", "plus_i32", Integer::sum)
                .hostFunction("host_func_test", "wait_for_stop", List.of(), List.of(ValType.I32), call -> {
                    while (call.sleep(Duration.ofSeconds(60))) {
                        // a whole minute passed without a stop: wait on
                    }
                    return new long[] {-4};
                })
                .stdoutLines(out::add).build()
                .start(TestGuests.build("host_funcs"));
        awaitLine(out, "waiting");
        long start = System.nanoTime();
        guest.stop();
        assertEquals(0, guest.waitFor(), out.toString());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 5000, "the stop request ended the wait, not the 30 s grace period: " + ms + " ms");
        assertEquals("wait_for_stop returned -4", out.get(out.size() - 1));
    }

    @Test
    void aModuleImportingAFunctionNobodyGaveIsRejected() throws Exception {
        ModuleRejectedException e = assertThrows(ModuleRejectedException.class, () -> WasmBpfHost.builder()
                .backend(Engines.backend(Engines.CHICORY)).build().start(TestGuests.build("host_funcs")));
        assertEquals(ModuleRejectedException.Reason.UNKNOWN_IMPORTS, e.reason());
        assertTrue(e.getMessage().contains("host_func_test.plus_i32"), e.getMessage());
    }

    @Test
    void theHostsOwnModulesCannotBeTaken() {
        assertThrows(IllegalArgumentException.class, () -> WasmBpfHost.builder()
                .hostFunction("wasm_bpf", "wasm_load_bpf_object", Integer::sum));
        assertThrows(IllegalArgumentException.class, () -> WasmBpfHost.builder()
                .hostFunction("m", "f", Integer::sum).hostFunction("m", "f", Integer::sum));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void execCounterCountsExecsPerCommandThroughItsPluginsHostFunction(String engine) throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        Path exe = tmp.resolve("wbpf-embed-" + engine.charAt(0));
        Files.copy(Path.of("/bin/true"), exe, StandardCopyOption.COPY_ATTRIBUTES);
        List<String> lines = new CopyOnWriteArrayList<>();
        try (ExecCounter counter = new ExecCounter(engine, Repo.root().resolve("examples-embed/target/plugin/exec_plugin.wasm"),
                lines::add)) {
            awaitLine(lines, "ready");
            for (int i = 0; i < 3; i++) {
                Process p = new ProcessBuilder(exe.toString()).start();
                assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            }
            String comm = exe.getFileName().toString();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (counter.count(comm) < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(3, counter.count(comm), "counts: " + counter.counts());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("EXEC " + comm)), "its lines arrive as strings: " + lines);
            assertTrue(counter.isRunning());
        }
        assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
    }

    private static WasmBpfHost host(String engine, List<String> out) {
        return WasmBpfHost.builder().backend(Engines.backend(engine))
                .hostFunction("host_func_test", "plus_i32", Integer::sum)
                .hostFunction("host_func_test", "wait_for_stop", List.of(), List.of(ValType.I32), call -> new long[] {0})
                .stdoutLines(out::add).build();
    }

    private static void awaitLine(List<String> lines, String line) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!lines.contains(line)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no line '" + line + "' in " + lines);
            }
            Thread.sleep(20);
        }
    }
}
