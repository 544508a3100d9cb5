package org.wasmbpf.host.wasmtime.rewrite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.wasmbpf.bpf.fuzz.Mutations;
import org.wasmbpf.host.testing.TestGuests;
import org.wasmbpf.host.wasm.WasmFormatException;

/**
 * As {@link WasmModuleReaderFuzzTest}, from a guest that imports both buffer-poll conventions, so
 * that the rewrite decodes every function body ({@link CallRedirect}) to send the import's calls
 * to its wrappers. Only {@link WasmFormatException} may escape the reader; the rewrite itself
 * throws nothing at all, since it falls back to no wrappers on code it cannot decode.
 */
class CallRedirectFuzzTest {
    private static final byte[] SEED = TestGuests.build("pollguest");
    private static final long SLOW_MS = 5_000;

    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    @FuzzTest(maxDuration = "15s")
    void theRewriteOfAnyModuleTheReaderAcceptsThrowsNothingButWasmFormatException(FuzzedDataProvider data) {
        byte[] input = Mutations.of(SEED, data);
        long t0 = System.nanoTime();
        try {
            WasmModuleInfo info = WasmModuleInfo.read(input);
            if (WasmBinaryRewriter.applies(info)) {
                WasmModuleInfo.read(WasmBinaryRewriter.addTrampolines(info));
            }
        } catch (WasmFormatException expected) {
            // the reader's own error, or a section the rewrite must extend and cannot
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < SLOW_MS, "an input of " + input.length + " bytes took " + ms + " ms");
    }
}
