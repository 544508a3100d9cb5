package org.wasmbpf.guest.teavm;

import org.teavm.model.ClassHolder;
import org.teavm.model.ClassHolderTransformer;
import org.teavm.model.ClassHolderTransformerContext;
import org.teavm.model.MethodDescriptor;
import org.teavm.model.MethodHolder;
import org.teavm.model.ValueType;
import org.teavm.model.emit.ProgramEmitter;

/**
 * Makes TeaVM's WASI {@code _start} read the command line with the SDK's {@code CommandLine}: its
 * own {@code WasiSupport.getArgs} builds each String with a charset decoder, and that decoder, its
 * buffers and the float formatting its error messages use were a third of an empty module.
 */
public final class WasiArgsTransformer implements ClassHolderTransformer {
    static final String WASI_SUPPORT = "org.teavm.backend.wasm.runtime.WasiSupport";
    static final String COMMAND_LINE = "org.wasmbpf.guest.CommandLine";
    private static final ValueType STRINGS = ValueType.arrayOf(ValueType.object("java.lang.String"));

    @Override
    public void transformClass(ClassHolder cls, ClassHolderTransformerContext context) {
        if (!cls.getName().equals(WASI_SUPPORT)) {
            return;
        }
        MethodHolder getArgs = cls.getMethod(new MethodDescriptor("getArgs", STRINGS));
        if (getArgs == null) {
            throw new IllegalStateException(WASI_SUPPORT + ".getArgs() not found: not the TeaVM this SDK targets");
        }
        ProgramEmitter pe = ProgramEmitter.create(getArgs, context.getHierarchy());
        pe.invoke(COMMAND_LINE, "arguments", STRINGS).returnValue();
    }
}
