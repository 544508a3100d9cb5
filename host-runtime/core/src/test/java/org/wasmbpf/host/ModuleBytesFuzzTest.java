package org.wasmbpf.host;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.wasmbpf.host.spi.ModuleFraming;
import org.wasmbpf.host.spi.ModuleRejectedException;
import org.wasmbpf.host.testing.TestGuests;
import org.wasmbpf.host.wasm.Section;
import org.wasmbpf.host.wasm.WasmFormatException;
import org.wasmbpf.host.wasm.WasmReader;
import org.wasmbpf.host.wasm.WasmSections;
import org.wasmbpf.bpf.fuzz.Mutations;

/**
 * Fuzzes what host-core reads of every module before an engine does, on the shared reader of
 * {@code org.wasmbpf.host.wasm}: the memory cap ({@link MemoryLimitPatch}), which must return the
 * module untouched or with every maximum at most the limit, or refuse it with a
 * {@link ModuleRejectedException}; and the framing check ({@link ModuleFraming}), which may only
 * reject. Any other exception, or a hang past the timeout, is a finding and fails the build.
 * Jazzer runs it for a bounded time in the normal test run (the module's surefire sets
 * JAZZER_FUZZ=1) on the clang-built test guest as bpf-format's fuzz test mutates its objects
 * ({@link Mutations}); the wasmtime backend's fuzz test covers the module reader and rewriter.
 */
class ModuleBytesFuzzTest {
    private static final byte[] SEED = TestGuests.build("testguest");
    private static final long SLOW_MS = 5_000;

    // JUnit's @Timeout is also libFuzzer's per-input timeout in fuzzing mode (a hang fails);
    // it must exceed maxDuration since JUnit applies it to the whole run too.
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    @FuzzTest(maxDuration = "15s")
    void memoryLimitAndFramingThrowOnlyRejections(FuzzedDataProvider data) {
        int limit = data.consumeInt(1, GuestLimits.WASM32_MAX_PAGES);
        byte[] input = Mutations.of(SEED, data);
        long t0 = System.nanoTime();
        try {
            byte[] patched = MemoryLimitPatch.apply(input, limit);
            if (patched != input) {
                assertCapped(patched, limit);
            }
        } catch (ModuleRejectedException expected) {
            // a memory that starts above the limit
        }
        try {
            ModuleFraming.check(input);
        } catch (ModuleRejectedException expected) {
            // the line a user sees for a file that is not Wasm, truncated or badly framed
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < SLOW_MS, "an input of " + input.length + " bytes took " + ms + " ms");
    }

    /** A patched module reads up to its memory section, and every memory there has a maximum within the limit. */
    private static void assertCapped(byte[] module, int limit) {
        for (WasmSections sections = WasmSections.of(module); ; ) {
            Section s = sections.next();
            if (s.id() == Section.MEMORY) {
                WasmReader r = s.payload(module);
                for (int i = r.u32(); i > 0; i--) {
                    WasmReader.Limits limits = r.limits();
                    assertTrue(limits.hasMax() && limits.max() <= limit, limits + " after a cap of " + limit);
                }
                assertTrue(r.atEnd(), "the memory section has bytes past its memories");
                return;
            }
        }
    }
}
