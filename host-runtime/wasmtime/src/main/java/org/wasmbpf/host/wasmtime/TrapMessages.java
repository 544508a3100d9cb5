package org.wasmbpf.host.wasmtime;

import io.github.kawamuray.wasmtime.Trap;
import io.github.kawamuray.wasmtime.WasmFunctionError;

/**
 * Turns wasmtime's trap into one line, {@code <trap> during <export>}, with the spec's trap
 * wording. wasmtime-java 0.19 reduces a trap to a {@link Trap} code and drops wasmtime's
 * backtrace, so the line names the export the host called (e.g. {@code _start}), not the guest
 * function that trapped as the Chicory backend does.
 */
final class TrapMessages {
    private TrapMessages() {}

    static boolean isInterrupt(RuntimeException e) {
        return e instanceof WasmFunctionError.TrapError t && t.trap() == Trap.INTERRUPT;
    }

    static String describe(RuntimeException e, String calledExport) {
        String what = e instanceof WasmFunctionError.TrapError t ? name(t.trap()) : firstLine(e.getMessage());
        return what + " during " + calledExport;
    }

    private static String name(Trap trap) {
        return switch (trap) {
            case UNREACHABLE_CODE_REACHED -> "unreachable";
            case INTEGER_DIVISION_BY_ZERO -> "integer divide by zero";
            case INTEGER_OVERFLOW -> "integer overflow";
            case BAD_CONVERSION_TO_INTEGER -> "invalid conversion to integer";
            case MEMORY_OUT_OF_BOUNDS -> "out of bounds memory access";
            case HEAP_MISALIGNED -> "misaligned memory access";
            case TABLE_OUT_OF_BOUNDS -> "undefined element (table index out of bounds)";
            case INDIRECT_CALL_TO_NULL -> "uninitialized element (indirect call to null)";
            case BAD_SIGNATURE -> "indirect call type mismatch";
            case STACK_OVERFLOW -> "call stack exhausted";
            default -> trap.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "trap";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
