package org.wasmbpf.host.imports;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.wasmbpf.host.FakeGuest;

/** Reading what the getppid test object sends: {tgid u32, pad u32, count u64}, little-endian. */
final class GetppidSamples {
    private GetppidSamples() {}

    /** The call counts the guest's callbacks were handed, in delivery order. */
    static List<Long> counts(List<FakeGuest.Call> calls) {
        return calls.stream().map(c -> le(c.bytes()).getLong(8)).toList();
    }

    /** {@code from, from+1, ..., to}: the counts a run of getppid() calls produces. */
    static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(i);
        }
        return out;
    }

    static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
