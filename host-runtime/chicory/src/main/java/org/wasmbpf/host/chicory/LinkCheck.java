package org.wasmbpf.host.chicory;

import static org.wasmbpf.host.spi.ModuleRejectedException.Reason.MISSING_EXPORTS;
import static org.wasmbpf.host.spi.ModuleRejectedException.Reason.UNKNOWN_IMPORTS;

import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wasmbpf.host.spi.ModuleRejectedException;

/**
 * What a module needs against what the host provides, checked before Chicory links it so the
 * user gets every problem at once: each import must be a provided function of the same type,
 * and a WASI command must export {@code _start} and {@code memory}.
 */
final class LinkCheck {
    static final String START = "_start";
    static final String MEMORY = "memory";

    private LinkCheck() {}

    static void check(WasmModule module, List<ImportFunction> provided) {
        Map<String, ImportFunction> byName = new HashMap<>();
        provided.forEach(f -> byName.put(f.module() + "." + f.name(), f));
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imp = module.importSection().getImport(i);
            String name = imp.module() + "." + imp.name();
            ImportFunction fn = byName.get(name);
            if (!(imp instanceof FunctionImport)) {
                problems.add(name + " (a " + imp.importType().name().toLowerCase() + "; only functions are provided)");
            } else if (fn == null) {
                problems.add(name);
            } else {
                FunctionType wanted = module.typeSection().getType(((FunctionImport) imp).typeIndex());
                if (!wanted.typesMatch(fn.functionType())) {
                    problems.add(name + " with type " + wanted + " (the host's is " + fn.functionType() + ")");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ModuleRejectedException(UNKNOWN_IMPORTS,
                    "imports that this host does not provide: " + String.join(", ", problems));
        }
        List<String> missing = new ArrayList<>();
        if (!exports(module, START, ExternalType.FUNCTION)) {
            missing.add("function " + START);
        }
        if (!exports(module, MEMORY, ExternalType.MEMORY)) {
            missing.add("memory " + MEMORY);
        }
        if (!missing.isEmpty()) {
            throw new ModuleRejectedException(MISSING_EXPORTS, "not a WASI command: it does not export "
                    + String.join(" or ", missing));
        }
    }

    static boolean exports(WasmModule module, String name, ExternalType type) {
        return export(module, name, type) != null;
    }

    static Export export(WasmModule module, String name, ExternalType type) {
        ExportSection exports = module.exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            Export e = exports.getExport(i);
            if (e.name().equals(name) && e.exportType() == type) {
                return e;
            }
        }
        return null;
    }
}
