package org.wasmbpf.host.wasmtime.rewrite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.wasmbpf.host.spi.ModuleFraming;
import org.wasmbpf.host.spi.ModuleRejectedException;
import org.wasmbpf.host.testing.TestGuests;
import org.wasmbpf.host.wasm.WasmFormatException;

/**
 * Fuzzes what reads a module before wasmtime does: the framing check every backend makes
 * ({@link ModuleFraming}), the module reader ({@link WasmModuleInfo#read}) and, for what it
 * accepts, {@link WasmBinaryRewriter#addTrampolines} and a re-read of its output, all on the
 * shared reader of {@code org.wasmbpf.host.wasm}, with Jazzer for a bounded time in the normal
 * test run (the module's surefire sets JAZZER_FUZZ=1). Only {@link ModuleRejectedException} from
 * the framing and {@link WasmFormatException} from the rest may escape (the backend turns both
 * into a rejection); any other exception, or a hang past the timeout, is a finding and fails the
 * build. The reader runs whatever the framing said, so that it meets malformed sections too. Inputs are mostly the
 * clang-built test guest with bytes or 32-bit words overwritten or cut short, some raw bytes.
 */
class WasmModuleReaderFuzzTest {
    private static final byte[] SEED = TestGuests.build("testguest");
    private static final long SLOW_MS = 5_000;

    // JUnit's @Timeout is also libFuzzer's per-input timeout in fuzzing mode (a hang fails);
    // it must exceed maxDuration since JUnit applies it to the whole run too.
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    @FuzzTest(maxDuration = "30s")
    void readerAndRewriterThrowNothingButWasmFormatException(FuzzedDataProvider data) {
        byte[] input = mutate(data);
        long t0 = System.nanoTime();
        try {
            ModuleFraming.check(input);
        } catch (ModuleRejectedException expected) {
            // the line a user sees for a file that is not Wasm, truncated or badly framed
        }
        try {
            WasmModuleInfo info = WasmModuleInfo.read(input);
            if (WasmBinaryRewriter.applies(info)) {
                WasmModuleInfo.read(WasmBinaryRewriter.addTrampolines(info));
            }
        } catch (WasmFormatException expected) {
            // the reader's own error: the backend reports it as a malformed module
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < SLOW_MS, "an input of " + input.length + " bytes took " + ms + " ms");
    }

    private static byte[] mutate(FuzzedDataProvider data) {
        switch (data.consumeInt(0, 3)) {
            case 0:
                return data.consumeRemainingAsBytes();
            case 1:
                return Arrays.copyOf(SEED, data.consumeInt(0, SEED.length));
            default:
                byte[] out = SEED.clone();
                ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
                int n = data.consumeInt(1, 16);
                for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
                    int at = data.consumeInt(0, out.length - 1);
                    if (data.consumeBoolean() && at <= out.length - 4) {
                        b.putInt(at, data.consumeBoolean() ? data.consumeInt(-256, 256) : data.consumeInt());
                    } else {
                        out[at] = data.consumeByte();
                    }
                }
                return out;
        }
    }
}
