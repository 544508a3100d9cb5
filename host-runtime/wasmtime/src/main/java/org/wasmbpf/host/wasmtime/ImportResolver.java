package org.wasmbpf.host.wasmtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wasmbpf.host.spi.HostFunction;
import org.wasmbpf.host.spi.ModuleRejectedException;
import org.wasmbpf.host.spi.ValType;
import org.wasmbpf.host.wasmtime.rewrite.WasmModuleInfo;
import org.wasmbpf.host.wasmtime.rewrite.WasmModuleInfo.FuncType;
import org.wasmbpf.host.wasmtime.rewrite.WasmModuleInfo.Import;
import org.wasmbpf.host.wasmtime.wasi.WasiPreview1;

/**
 * Matches a module's imports, in order, to the host functions that satisfy them, and rejects
 * the module naming every import the host lacks or whose type differs from the host's.
 */
final class ImportResolver {
    private static final String[] KIND_NAMES = {"function", "table", "memory", "global"};

    private ImportResolver() {}

    static List<HostFunction> resolve(WasmModuleInfo info, List<HostFunction> provided) {
        Map<String, HostFunction> byName = new LinkedHashMap<>();
        provided.forEach(f -> byName.putIfAbsent(f.module() + "." + f.name(), f));
        List<HostFunction> resolved = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Import i : info.imports()) {
            String name = i.module() + "." + i.name();
            if (i.kind() != WasmModuleInfo.KIND_FUNC) {
                problems.add(name + " (a " + KIND_NAMES[i.kind()] + "; only functions are provided)");
                continue;
            }
            FuncType wanted = info.types().get(i.typeIndex());
            HostFunction f = byName.get(name);
            if (f == null && i.module().equals(WasiPreview1.MODULE)) {
                List<ValType> params = valTypes(wanted.params());
                List<ValType> results = valTypes(wanted.results());
                if (params != null && results != null) {
                    f = WasiPreview1.unsupported(i.name(), params, results);
                }
            }
            if (f == null) {
                problems.add(name);
            } else if (!wanted.equals(wasmType(f))) {
                problems.add(name + " with type " + signature(wanted) + " (the host's is " + signature(wasmType(f)) + ")");
            } else {
                resolved.add(f);
            }
        }
        if (!problems.isEmpty()) {
            throw new ModuleRejectedException(ModuleRejectedException.Reason.UNKNOWN_IMPORTS,
                    "imports that this host does not provide: " + String.join(", ", problems));
        }
        return resolved;
    }

    private static FuncType wasmType(HostFunction f) {
        return new FuncType(bytes(f.params()), bytes(f.results()));
    }

    private static byte[] bytes(List<ValType> types) {
        byte[] out = new byte[types.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = types.get(i) == ValType.I32 ? WasmModuleInfo.I32 : WasmModuleInfo.I64;
        }
        return out;
    }

    /** The SPI types for {@code wasm}, or null when it uses a type the SPI lacks. */
    private static List<ValType> valTypes(byte[] wasm) {
        List<ValType> out = new ArrayList<>();
        for (byte b : wasm) {
            if (b == WasmModuleInfo.I32) {
                out.add(ValType.I32);
            } else if (b == WasmModuleInfo.I64) {
                out.add(ValType.I64);
            } else {
                return null;
            }
        }
        return out;
    }

    private static String signature(FuncType t) {
        return names(t.params()) + " -> " + names(t.results());
    }

    private static String names(byte[] types) {
        List<String> out = new ArrayList<>();
        for (byte b : types) {
            out.add(switch (b) {
                case WasmModuleInfo.I32 -> "i32";
                case WasmModuleInfo.I64 -> "i64";
                case WasmModuleInfo.F32 -> "f32";
                case WasmModuleInfo.F64 -> "f64";
                default -> "0x" + Integer.toHexString(b & 0xff);
            });
        }
        return "(" + String.join(", ", out) + ")";
    }
}
