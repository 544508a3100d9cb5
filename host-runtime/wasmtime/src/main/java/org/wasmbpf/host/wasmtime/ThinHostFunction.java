package org.wasmbpf.host.wasmtime;

import java.util.List;
import org.wasmbpf.host.spi.GuestMemory;
import org.wasmbpf.host.spi.HostFunction;
import org.wasmbpf.host.spi.ValType;
import org.wasmbpf.host.wasmtime.rewrite.ThinCall;

/**
 * The {@code () -> ()} form of a host import whose calls the rewriter sent through a
 * {@link ThinCall} wrapper: the arguments are read from their slots at address 0 before the
 * import runs, and its result is written to address 0 after.
 */
final class ThinHostFunction {
    private static final long[] NO_VALUES = new long[0];

    private ThinHostFunction() {}

    /** @param f an import of i32 and i64 arguments and one i32 result, as the rewriter thins */
    static HostFunction of(HostFunction f) {
        if (!f.results().equals(List.of(ValType.I32))) {
            throw new IllegalArgumentException(f.module() + "." + f.name() + " does not return one i32");
        }
        int params = f.params().size();
        boolean[] wide = new boolean[params];
        for (int k = 0; k < params; k++) {
            wide[k] = f.params().get(k) == ValType.I64;
        }
        HostFunction.Body body = f.body();
        return new HostFunction(f.module(), f.name(), List.of(), List.of(), (guest, none) -> {
            GuestMemory memory = guest.memory();
            long[] args = new long[params];
            for (int k = 0; k < params; k++) {
                // Little-endian slots; an i32 argument is the low half of its slot, the wrapper
                // leaves the high half as it was.
                int at = ThinCall.SLOT * k;
                int low = memory.readI32(at);
                args[k] = wide[k] ? Integer.toUnsignedLong(low) | (long) memory.readI32(at + 4) << 32 : low;
            }
            memory.writeI32(0, (int) body.call(guest, args)[0]);
            return NO_VALUES;
        });
    }
}
