package org.wasmbpf.host.wasmtime;

import io.github.kawamuray.wasmtime.Val;
import java.util.List;
import org.wasmbpf.host.spi.ValType;
import org.wasmbpf.host.wasmtime.rewrite.WasmModuleInfo;

/** Raw Wasm values (longs, as the SPI passes them) to and from wasmtime-java's boxed {@link Val}. */
final class ValConversions {
    private ValConversions() {}

    static Val.Type type(ValType t) {
        return switch (t) {
            case I32 -> Val.Type.I32;
            case I64 -> Val.Type.I64;
        };
    }

    static Val.Type[] types(List<ValType> ts) {
        return ts.stream().map(ValConversions::type).toArray(Val.Type[]::new);
    }

    /** A value type byte of the binary format. */
    static Val.Type type(byte wasm) {
        return switch (wasm) {
            case WasmModuleInfo.I32 -> Val.Type.I32;
            case WasmModuleInfo.I64 -> Val.Type.I64;
            case WasmModuleInfo.F32 -> Val.Type.F32;
            case WasmModuleInfo.F64 -> Val.Type.F64;
            default -> throw new IllegalArgumentException("unsupported value type 0x" + Integer.toHexString(wasm & 0xff));
        };
    }

    static Val toVal(Val.Type type, long raw) {
        return switch (type) {
            case I32 -> Val.fromI32((int) raw);
            case I64 -> Val.fromI64(raw);
            case F32 -> Val.fromF32(Float.intBitsToFloat((int) raw));
            case F64 -> Val.fromF64(Double.longBitsToDouble(raw));
            default -> throw new IllegalArgumentException("unsupported value type " + type);
        };
    }

    static long toRaw(Val v) {
        return switch (v.getType()) {
            case I32 -> (long) v.i32();
            case I64 -> v.i64();
            case F32 -> Float.floatToRawIntBits(v.f32()) & 0xffffffffL;
            case F64 -> Double.doubleToRawLongBits(v.f64());
            default -> throw new IllegalArgumentException("unsupported value type " + v.getType());
        };
    }
}
