package org.wasmbpf.host.wasmtime;

import static org.wasmbpf.host.spi.ModuleRejectedException.Reason.INVALID;
import static org.wasmbpf.host.spi.ModuleRejectedException.Reason.MISSING_EXPORTS;

import java.util.ArrayList;
import java.util.List;
import org.wasmbpf.host.spi.ModuleFraming;
import org.wasmbpf.host.spi.ModuleRejectedException;
import org.wasmbpf.host.wasm.WasmFormatException;
import org.wasmbpf.host.wasmtime.rewrite.WasmModuleInfo;

/**
 * The checks made before a module reaches wasmtime: the framing shared by every backend
 * ({@link ModuleFraming}), the reader's, then (after imports, see {@link ImportResolver}) the
 * command's exports, worded as the Chicory backend words them.
 */
final class ModuleChecks {
    private ModuleChecks() {}

    static WasmModuleInfo read(byte[] bytes) {
        ModuleFraming.check(bytes);
        try {
            return WasmModuleInfo.read(bytes);
        } catch (WasmFormatException e) {
            throw new ModuleRejectedException(INVALID, "malformed WebAssembly module: " + e.getMessage(), e);
        }
    }

    static void requireCommandExports(WasmModuleInfo info) {
        List<String> missing = new ArrayList<>();
        if (info.export("_start", WasmModuleInfo.KIND_FUNC).isEmpty()) {
            missing.add("function _start");
        }
        if (info.export("memory", WasmModuleInfo.KIND_MEMORY).isEmpty()) {
            missing.add("memory memory");
        }
        if (!missing.isEmpty()) {
            throw new ModuleRejectedException(MISSING_EXPORTS, "not a WASI command: it does not export "
                    + String.join(" or ", missing));
        }
    }
}
