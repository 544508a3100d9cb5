package org.wasmbpf.host.wasmtime;

import org.wasmbpf.host.spi.GuestInterruptedException;
import org.wasmbpf.host.spi.GuestTrapException;
import org.wasmbpf.host.spi.StopSignal;

/**
 * Carries Java exceptions across wasmtime. A host function's exception reaches the calling
 * Java code only as a message inside wasmtime's error, so the host function records it here
 * before unwinding the guest, and the call site that catches wasmtime's error rethrows it
 * (proc_exit, a stop, a trap of a nested callback, a host bug) with its type intact.
 */
final class HostFailures {
    private final StopSignal stop;
    private RuntimeException pending;

    HostFailures(StopSignal stop) {
        this.stop = stop;
    }

    /** Called in a host function; returns what to throw into wasmtime. */
    RuntimeException record(Throwable t) {
        pending = t instanceof RuntimeException r ? r : new IllegalStateException(t);
        return new RuntimeException(pending.getMessage() == null ? pending.getClass().getName() : pending.getMessage());
    }

    /** Called where a call into the guest failed: the exception to throw to the caller. */
    RuntimeException translate(RuntimeException fromWasmtime, String function) {
        RuntimeException recorded = pending;
        pending = null;
        if (recorded != null) {
            return recorded;
        }
        if (stop.stopped() || TrapMessages.isInterrupt(fromWasmtime)) {
            return new GuestInterruptedException("guest stopped in " + function);
        }
        return new GuestTrapException(TrapMessages.describe(fromWasmtime, function), fromWasmtime);
    }
}
