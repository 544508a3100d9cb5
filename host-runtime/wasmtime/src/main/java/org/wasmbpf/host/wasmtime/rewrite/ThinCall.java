package org.wasmbpf.host.wasmtime.rewrite;

import static org.wasmbpf.host.wasmtime.rewrite.WasmModuleInfo.I64;
import static org.wasmbpf.host.wasmtime.rewrite.Opcodes.*;

import java.util.Arrays;
import org.wasmbpf.host.wasm.WasmWriter;
import org.wasmbpf.host.wasmtime.rewrite.WasmModuleInfo.FuncType;

/**
 * Calls of a hot import through the type {@code () -> ()}, with the arguments and the result in
 * memory. wasmtime-java's glue for a host call builds a {@code Val} per value through JNI lookups
 * by name: measured here, a call costs ~3.3 us with no values, ~1.5 us more per argument and
 * ~3.5 us more per result, so the seven-argument buffer poll cost ~17 us and a clock read ~11 us.
 *
 * <p>The wrapper stores argument k in the {@value #SLOT} bytes at address {@code SLOT * k} of
 * memory 0 (an i32 in the low four), calls the thinned import, and reads the result from address
 * 0. It saves those bytes before and restores them after, so the guest never sees them change:
 * the host reads every argument before it runs the import and writes the result after, and a
 * thinned import never calls into the guest in between, so nothing of the guest's runs while they
 * hold the call's values. The one thing a restore would undo is the import's own output, so a
 * call whose output pointer lies in those bytes is refused with EFAULT, as a pointer outside
 * memory would be: only a guest that writes through a null pointer's neighbourhood, or whose
 * stack-first stack is all used, could pass one.
 */
public final class ThinCall {
    /** Bytes per argument slot. */
    public static final int SLOT = 8;
    static final FuncType THIN_TYPE = new FuncType(new byte[0], new byte[0]);

    private ThinCall() {}

    /** Bytes at address 0 that a call of this type uses. */
    public static int scratchBytes(int params) {
        return SLOT * Math.max(params, 1);
    }

    /**
     * A function of {@code type} that calls {@code thinImport} (of type {@code () -> ()}) as
     * described above.
     *
     * @param type i32 and i64 arguments, an i32 result (an errno or a poll's)
     * @param output the parameter that points at the import's output (an i32)
     * @param refusal what the function returns for an output pointer into the slots
     */
    static byte[] wrapper(FuncType type, int thinImport, int output, int refusal) {
        if (!Arrays.equals(type.results(), new byte[] {WasmModuleInfo.I32})) {
            throw new IllegalArgumentException("a thin call returns one i32, not " + Arrays.toString(type.results()));
        }
        int params = type.params().length;
        int slots = Math.max(params, 1);
        int saved = params; // slots locals of i64 after the parameters, then the result's
        int resultLocal = params + slots;
        WasmWriter w = new WasmWriter().u32(2).u32(slots).u8(I64).u32(1).u8(WasmModuleInfo.I32);
        w.u8(LOCAL_GET).u32(output).u8(I32_CONST).s32(scratchBytes(params)).u8(I32_LT_U).u8(IF).u8(VOID);
        w.u8(I32_CONST).s32(refusal).u8(RETURN).u8(END);
        for (int k = 0; k < slots; k++) {
            w.u8(I32_CONST).s32(0).u8(I64_LOAD).u32(ALIGN_8).u32(SLOT * k).u8(LOCAL_SET).u32(saved + k);
        }
        for (int k = 0; k < params; k++) {
            boolean wide = type.params()[k] == I64;
            w.u8(I32_CONST).s32(0).u8(LOCAL_GET).u32(k)
                    .u8(wide ? I64_STORE : I32_STORE).u32(wide ? ALIGN_8 : ALIGN_4).u32(SLOT * k);
        }
        w.u8(CALL).u32(thinImport);
        w.u8(I32_CONST).s32(0).u8(I32_LOAD).u32(ALIGN_4).u32(0).u8(LOCAL_SET).u32(resultLocal);
        for (int k = 0; k < slots; k++) {
            w.u8(I32_CONST).s32(0).u8(LOCAL_GET).u32(saved + k).u8(I64_STORE).u32(ALIGN_8).u32(SLOT * k);
        }
        return w.u8(LOCAL_GET).u32(resultLocal).u8(END).toByteArray();
    }

    /** A function of {@code type} that only calls {@code callee} of the same type: a thin call the module does not allow. */
    static byte[] forwarder(FuncType type, int callee) {
        WasmWriter w = new WasmWriter().u32(0);
        for (int k = 0; k < type.params().length; k++) {
            w.u8(LOCAL_GET).u32(k);
        }
        return w.u8(CALL).u32(callee).u8(END).toByteArray();
    }
}
