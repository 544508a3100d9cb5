package org.wasmbpf.host.wasmtime.rewrite;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.wasmbpf.host.testing.TestGuests;
import org.wasmbpf.bpf.fuzz.Mutations;

/**
 * Fuzzes the rewriter's module reader ({@link WasmModuleInfo#read}, on host-core's shared reader
 * {@code org.wasmbpf.host.wasm}) and, for what it accepts, {@link WasmBinaryRewriter#addTrampolines}
 * and a re-read of its output, with Jazzer for a bounded time in the normal test run (the module's
 * surefire sets JAZZER_FUZZ=1). Only {@code WasmFormatException} may escape (the backend turns it
 * into a rejection); any other exception, or a hang past the timeout, is a finding and fails the
 * build. Inputs are the clang-built test guest as bpf-format's fuzz test mutates its objects
 * ({@link Mutations}). host-core's {@code ModuleBytesFuzzTest} covers the framing check that runs
 * before this reader.
 */
class WasmModuleReaderFuzzTest {
    private static final byte[] SEED = TestGuests.build("testguest");

    // JUnit's @Timeout is also libFuzzer's per-input timeout in fuzzing mode (a hang fails);
    // it must exceed maxDuration since JUnit applies it to the whole run too.
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    @FuzzTest(maxDuration = "30s")
    void readerAndRewriterThrowNothingButWasmFormatException(FuzzedDataProvider data) {
        FuzzedRewrite.check(Mutations.of(SEED, data));
    }
}
