package org.wasmbpf.bpf.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Turns fuzzer data into a variant of a valid file: structure-aware enough that most inputs get
 * past the magic and headers, while the fuzzer's coverage feedback steers which bytes change.
 * Shared through this module's test-jar with the fuzz tests of the Wasm readers in host-runtime.
 */
public final class Mutations {
    private Mutations() {}

    public static byte[] of(byte[] seed, FuzzedDataProvider data) {
        switch (data.consumeInt(0, 3)) {
            case 0:
                return data.consumeRemainingAsBytes();
            case 1:
                return Arrays.copyOf(seed, data.consumeInt(0, seed.length));
            default:
                byte[] out = seed.clone();
                ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
                int n = data.consumeInt(1, 16);
                for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
                    int at = data.consumeInt(0, out.length - 1);
                    if (data.consumeBoolean() && at <= out.length - 4) {
                        b.putInt(at, interesting(data));
                    } else {
                        out[at] = data.consumeByte();
                    }
                }
                return out;
        }
    }

    /** Values that break size and offset arithmetic more often than random ones. */
    private static int interesting(FuzzedDataProvider data) {
        switch (data.consumeInt(0, 5)) {
            case 0: return 0;
            case 1: return -1;
            case 2: return Integer.MAX_VALUE;
            case 3: return Integer.MIN_VALUE;
            case 4: return data.consumeInt(-256, 256);
            default: return data.consumeInt();
        }
    }
}
