package org.wasmbpf.host.wasmtime.rewrite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.wasmbpf.host.wasm.Section;
import org.wasmbpf.host.wasm.WasmFormatException;
import org.wasmbpf.host.wasm.WasmReader;
import org.wasmbpf.host.wasm.WasmSections;

/**
 * What the host needs to know about a module before running it, read from its binary: the
 * sections (as byte ranges, so a rewrite can copy the untouched ones verbatim), function types,
 * imports, exports and the type of every function. Code is not decoded.
 */
public final class WasmModuleInfo {
    public static final int KIND_FUNC = 0;
    public static final int KIND_TABLE = 1;
    public static final int KIND_MEMORY = 2;
    public static final int KIND_GLOBAL = 3;

    public static final byte I32 = 0x7f;
    public static final byte I64 = 0x7e;
    public static final byte F32 = 0x7d;
    public static final byte F64 = 0x7c;

    public record FuncType(byte[] params, byte[] results) {
        @Override
        public boolean equals(Object o) {
            return o instanceof FuncType t && Arrays.equals(params, t.params) && Arrays.equals(results, t.results);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(params) + Arrays.hashCode(results);
        }
    }

    /** {@code typeIndex} is meaningful for function imports only. */
    public record Import(String module, String name, int kind, int typeIndex) {}

    public record Export(String name, int kind, int index) {}

    private final byte[] bytes;
    private final List<Section> sections = new ArrayList<>();
    private final List<FuncType> types = new ArrayList<>();
    private final List<Import> imports = new ArrayList<>();
    private final List<Integer> definedFunctionTypes = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    /** Memory 0's initial pages; -1 without a memory. */
    private long memoryMinPages = -1;

    private WasmModuleInfo(byte[] bytes) {
        this.bytes = bytes;
    }

    /** @throws WasmFormatException when the bytes are not a well-formed module at this level */
    public static WasmModuleInfo read(byte[] bytes) {
        WasmModuleInfo info = new WasmModuleInfo(bytes);
        for (WasmSections sections = WasmSections.of(bytes); sections.hasNext(); ) {
            Section s = sections.next();
            info.sections.add(s);
            info.decode(s);
        }
        return info;
    }

    private void decode(Section s) {
        WasmReader r = s.payload(bytes);
        switch (s.id()) {
            case Section.TYPE -> {
                for (int n = r.length(), i = 0; i < n; i++) {
                    int form = r.u8();
                    if (form != 0x60) {
                        throw new WasmFormatException("unsupported type form 0x" + Integer.toHexString(form));
                    }
                    types.add(new FuncType(valTypes(r), valTypes(r)));
                }
            }
            case Section.IMPORT -> {
                for (int n = r.length(), i = 0; i < n; i++) {
                    String module = r.name();
                    String name = r.name();
                    int kind = r.u8();
                    int typeIndex = -1;
                    if (kind == KIND_FUNC) {
                        typeIndex = r.u32();
                    } else {
                        WasmReader.Limits memory = otherImport(r, kind);
                        if (memory != null) {
                            firstMemory(memory.min());
                        }
                    }
                    imports.add(new Import(module, name, kind, typeIndex));
                }
            }
            case Section.FUNCTION -> {
                for (int n = r.length(), i = 0; i < n; i++) {
                    definedFunctionTypes.add(r.u32());
                }
            }
            case Section.MEMORY -> {
                if (r.length() > 0) {
                    firstMemory(r.limits().min());
                }
            }
            case Section.EXPORT -> {
                for (int n = r.length(), i = 0; i < n; i++) {
                    exports.add(new Export(r.name(), r.u8(), r.u32()));
                }
            }
            default -> {
                // other sections are copied, never interpreted
            }
        }
    }

    /**
     * Reads the description of an import that is not a function (a table, memory or global);
     * @return a memory's limits, null for the others
     */
    static WasmReader.Limits otherImport(WasmReader r, int kind) {
        switch (kind) {
            case KIND_TABLE -> {
                r.u8();
                r.limits();
                return null;
            }
            case KIND_MEMORY -> {
                return r.limits();
            }
            case KIND_GLOBAL -> {
                r.skip(2);
                return null;
            }
            default -> throw new WasmFormatException("unknown import kind " + kind);
        }
    }

    private void firstMemory(long minPages) {
        if (memoryMinPages < 0) {
            memoryMinPages = minPages; // imported memories come first in the index space
        }
    }

    private static byte[] valTypes(WasmReader r) {
        int n = r.length();
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) r.u8();
        }
        return out;
    }

    byte[] bytes() {
        return bytes;
    }

    public List<Section> sections() {
        return Collections.unmodifiableList(sections);
    }

    public List<FuncType> types() {
        return Collections.unmodifiableList(types);
    }

    public List<Import> imports() {
        return Collections.unmodifiableList(imports);
    }

    public List<Export> exports() {
        return Collections.unmodifiableList(exports);
    }

    public int importedFunctionCount() {
        return (int) imports.stream().filter(i -> i.kind() == KIND_FUNC).count();
    }

    public int definedFunctionCount() {
        return definedFunctionTypes.size();
    }

    public boolean hasMemory() {
        return memoryMinPages >= 0;
    }

    /** The initial size of memory 0 in 64 KiB pages, or -1 when the module has no memory. */
    public long memoryMinPages() {
        return memoryMinPages;
    }

    public Optional<Export> export(String name) {
        return exports.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<Export> export(String name, int kind) {
        return export(name).filter(e -> e.kind() == kind);
    }

    /** The type of function {@code index} in the function index space (imports first). */
    public FuncType functionType(int index) {
        int imported = 0;
        for (Import i : imports) {
            if (i.kind() == KIND_FUNC) {
                if (imported == index) {
                    return type(i.typeIndex());
                }
                imported++;
            }
        }
        int defined = index - imported;
        if (defined < 0 || defined >= definedFunctionTypes.size()) {
            throw new WasmFormatException("no function " + index);
        }
        return type(definedFunctionTypes.get(defined));
    }

    private FuncType type(int typeIndex) {
        if (typeIndex < 0 || typeIndex >= types.size()) {
            throw new WasmFormatException("function type index " + typeIndex + " is past the " + types.size()
                    + " types of the type section");
        }
        return types.get(typeIndex);
    }

    public Optional<Section> section(int id) {
        return sections.stream().filter(s -> s.id() == id).findFirst();
    }
}
