package org.wasmbpf.host.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.runtime.StackFrame;
import com.dylibso.chicory.wasm.types.FunctionType;
import java.util.Deque;

/**
 * Chicory's interpreter, remembering which function a failure came out of first: the
 * interpreter's exceptions carry no Wasm location, and the innermost call is where it trapped.
 */
final class TrapLocatingInterpreter extends InterpreterMachine {
    private Throwable lastFailure;
    private int lastFailureFunction = -1;

    TrapLocatingInterpreter(Instance instance) {
        super(instance);
    }

    @Override
    protected long[] call(MStack stack, Instance instance, Deque<StackFrame> callStack, int funcId, long[] args,
            FunctionType callType, boolean popResults) {
        try {
            return super.call(stack, instance, callStack, funcId, args, callType, popResults);
        } catch (RuntimeException | StackOverflowError e) {
            if (e != lastFailure) {
                lastFailure = e;
                lastFailureFunction = funcId;
            }
            throw e;
        }
    }

    /** The function {@code failure} (or one of its causes) was first thrown from, or -1. */
    int functionOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t == lastFailure) {
                return lastFailureFunction;
            }
        }
        return -1;
    }
}
