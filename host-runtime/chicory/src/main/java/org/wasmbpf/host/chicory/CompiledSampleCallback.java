package org.wasmbpf.host.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;

/**
 * A compiled guest function of the sample-callback type, bound by {@link CompiledCallbacks}.
 * Public because the class that implements it is defined beside the guest's compiled code, in
 * another class loader's package.
 */
@FunctionalInterface
public interface CompiledSampleCallback {
    int call(int ctx, int data, int size, Memory memory, Instance instance);
}
