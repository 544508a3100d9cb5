package org.wasmbpf.host.wasmtime.rewrite;

import java.util.HashSet;
import java.util.Set;
import org.wasmbpf.host.wasm.Section;
import org.wasmbpf.host.wasm.WasmFormatException;
import org.wasmbpf.host.wasm.WasmReader;

/**
 * Where a module names a function other than in code: its exports, start function, element
 * segments and global initialisers. A function named there can be called with its declared type
 * from outside the module's direct calls (through a table, or by the host), so its type must not
 * change. Anything not decoded here counts as naming every function asked about.
 */
final class FunctionReferences {
    private static final int SECTION_GLOBAL = 6;
    private static final int SECTION_START = 8;
    private static final int SECTION_ELEMENT = 9;

    private FunctionReferences() {}

    /** The functions of {@code candidates} that the module names outside its code. */
    static Set<Integer> outsideCode(WasmModuleInfo info, Set<Integer> candidates) {
        Set<Integer> named = new HashSet<>();
        info.exports().stream().filter(e -> e.kind() == WasmModuleInfo.KIND_FUNC)
                .forEach(e -> named.add(e.index()));
        try {
            for (Section s : info.sections()) {
                WasmReader r = s.payload(info.bytes());
                switch (s.id()) {
                    case SECTION_START -> named.add(r.u32());
                    case SECTION_GLOBAL -> {
                        for (int n = r.length(); n > 0; n--) {
                            valueType(r);
                            r.u8(); // mutability
                            constExpr(r, named);
                        }
                    }
                    case SECTION_ELEMENT -> {
                        for (int n = r.length(); n > 0; n--) {
                            element(r, named);
                        }
                    }
                    default -> { }
                }
            }
        } catch (WasmFormatException e) {
            return candidates;
        }
        named.retainAll(candidates);
        return named;
    }

    private static void element(WasmReader r, Set<Integer> named) {
        int flags = r.u32();
        if (flags < 0 || flags > 7) {
            throw new WasmFormatException("element segment flags " + flags);
        }
        boolean active = (flags & 1) == 0;
        boolean explicitTable = (flags & 2) != 0;
        boolean expressions = (flags & 4) != 0;
        if (active && explicitTable) {
            r.u32();
        }
        if (active) {
            constExpr(r, named);
        }
        if (!active || explicitTable) {
            if (expressions) {
                valueType(r); // the reference type
            } else {
                r.u8(); // elemkind 0x00: funcref
            }
        }
        for (int n = r.length(); n > 0; n--) {
            if (expressions) {
                constExpr(r, named);
            } else {
                named.add(r.u32());
            }
        }
    }

    /** A constant expression, up to its end; each ref.func's function goes into {@code named}. */
    private static void constExpr(WasmReader r, Set<Integer> named) {
        while (true) {
            int op = r.u8();
            switch (op) {
                case 0x0b -> {
                    return;
                }
                case 0x41 -> skipLeb(r, 5);
                case 0x42 -> skipLeb(r, 10);
                case 0x23 -> r.u32();
                case 0xd0 -> skipLeb(r, 5);
                case 0xd2 -> named.add(r.u32());
                case 0x6a, 0x6b, 0x6c, 0x7c, 0x7d, 0x7e -> { } // extended-const arithmetic
                default -> throw new WasmFormatException("constant expression opcode " + op);
            }
        }
    }

    private static void valueType(WasmReader r) {
        int b = r.u8();
        if (b == 0x63 || b == 0x64) {
            skipLeb(r, 5);
        }
    }

    private static void skipLeb(WasmReader r, int maxBytes) {
        for (int n = 1; (r.u8() & 0x80) != 0; n++) {
            if (n == maxBytes) {
                throw new WasmFormatException("LEB128 longer than " + maxBytes + " bytes");
            }
        }
    }
}
