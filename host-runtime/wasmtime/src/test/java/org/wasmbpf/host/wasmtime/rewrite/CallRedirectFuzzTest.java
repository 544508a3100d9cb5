package org.wasmbpf.host.wasmtime.rewrite;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.wasmbpf.bpf.fuzz.Mutations;
import org.wasmbpf.host.testing.TestGuests;

/**
 * As {@link WasmModuleReaderFuzzTest} ({@link FuzzedRewrite#check}), from a guest that imports
 * both buffer-poll conventions, so that the rewrite also decodes every function body
 * ({@link CallRedirect}) to send the import's calls to its wrappers; code it cannot decode makes
 * it fall back to no wrappers, not fail.
 */
class CallRedirectFuzzTest {
    private static final byte[] SEED = TestGuests.build("pollguest");

    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    @FuzzTest(maxDuration = "15s")
    void theRewriteOfAnyModuleTheReaderAcceptsThrowsNothingButWasmFormatException(FuzzedDataProvider data) {
        FuzzedRewrite.check(Mutations.of(SEED, data));
    }
}
