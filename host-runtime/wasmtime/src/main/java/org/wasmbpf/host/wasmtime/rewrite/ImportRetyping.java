package org.wasmbpf.host.wasmtime.rewrite;

import java.util.List;
import org.wasmbpf.host.wasm.Section;
import org.wasmbpf.host.wasm.WasmReader;
import org.wasmbpf.host.wasm.WasmWriter;

/** Re-encodes an import section with a new type for some of its function imports. */
final class ImportRetyping {
    private ImportRetyping() {}

    /**
     * The import section's payload with the type index of each function import in
     * {@code functions} (function indices) set to {@code type}; every other byte as it was.
     */
    static byte[] retype(byte[] module, Section imports, List<Integer> functions, int type) {
        WasmReader r = imports.payload(module);
        int count = r.length();
        WasmWriter out = new WasmWriter(imports.end() - imports.payloadStart() + 8).u32(count);
        int function = 0;
        for (int i = 0; i < count; i++) {
            int start = r.pos();
            r.name();
            r.name();
            int kind = r.u8();
            if (kind == WasmModuleInfo.KIND_FUNC) {
                out.bytes(module, start, r.pos() - start);
                int typeIndex = r.u32();
                out.u32(functions.contains(function) ? type : typeIndex);
                function++;
                continue;
            }
            WasmModuleInfo.otherImport(r, kind);
            out.bytes(module, start, r.pos() - start);
        }
        return out.toByteArray();
    }
}
