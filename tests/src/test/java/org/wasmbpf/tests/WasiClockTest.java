package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wasmbpf.host.WasmBpfHost;
import org.wasmbpf.tests.support.Engines;
import org.wasmbpf.tests.support.TestGuests;

/**
 * A guest's CLOCK_MONOTONIC is the kernel's, on both engines: what bpf_ktime_get_ns() stamps
 * samples with, so a guest can tell how old a sample is (the bench's latency does).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WasiClockTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void monotonicIsTheKernelsClock(String engine) throws Exception {
        List<String> out = new CopyOnWriteArrayList<>();
        long before = System.nanoTime(); // CLOCK_MONOTONIC on Linux
        int code = WasmBpfHost.builder().backend(Engines.backend(engine)).stdoutLines(out::add).build()
                .start(TestGuests.build("monotonic")).waitFor();
        long after = System.nanoTime();
        assertEquals(0, code);
        long guest = Long.parseLong(out.get(0));
        assertTrue(guest >= before && guest <= after, "guest's monotonic " + guest + " within [" + before + ", " + after + "]");
    }
}
