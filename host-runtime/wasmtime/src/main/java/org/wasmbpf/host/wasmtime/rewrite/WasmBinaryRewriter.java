package org.wasmbpf.host.wasmtime.rewrite;

import static org.wasmbpf.host.wasmtime.rewrite.WasmModuleInfo.I32;

import java.util.ArrayList;
import java.util.List;
import org.wasmbpf.host.wasmtime.rewrite.WasmModuleInfo.FuncType;
import org.wasmbpf.host.wasmtime.rewrite.WasmModuleInfo.Section;

/**
 * Adds two exported trampolines to a module that exports {@code __indirect_function_table}, so
 * a host that cannot reach the table (wasmtime-java's {@code Table} has no methods) can still
 * call the guest's sample callback, of type {@code (i32 ctx, i32 data, i32 size) -> i32}:
 *
 * <ul>
 *   <li>{@value #CALL_SAMPLE}{@code (idx, ctx, data, size) -> i32}: one {@code call_indirect}.
 *   <li>{@value #DELIVER}{@code (idx, ctx, data, batch, count) -> i32}: delivers {@code count}
 *       samples staged by the host in one host-to-guest crossing; see {@link TrampolineCode#deliver}.
 * </ul>
 *
 * <p>Only the type, function, export and code sections change, and only by appending, so no
 * existing index moves (the imported function count is unchanged) and the name section stays
 * valid. Every other section is copied byte for byte. The input array is not modified.
 */
public final class WasmBinaryRewriter {
    public static final String TABLE_EXPORT = "__indirect_function_table";
    public static final String CALL_SAMPLE = "__wasmbpf_call_sample";
    public static final String DELIVER = "__wasmbpf_deliver";

    static final FuncType CALLBACK_TYPE = new FuncType(new byte[] {I32, I32, I32}, new byte[] {I32});
    static final FuncType CALL_SAMPLE_TYPE = new FuncType(new byte[] {I32, I32, I32, I32}, new byte[] {I32});
    static final FuncType DELIVER_TYPE = new FuncType(new byte[] {I32, I32, I32, I32, I32}, new byte[] {I32});

    private WasmBinaryRewriter() {}

    /** @return whether {@link #addTrampolines} applies: the module exports its function table */
    public static boolean applies(WasmModuleInfo info) {
        return info.export(TABLE_EXPORT, WasmModuleInfo.KIND_TABLE).isPresent();
    }

    /**
     * @return a new module with the trampolines
     * @throws WasmFormatException when the module has no exported table, lacks a section the
     *     rewrite needs, or already exports a trampoline name
     */
    public static byte[] addTrampolines(WasmModuleInfo info) {
        int table = info.export(TABLE_EXPORT, WasmModuleInfo.KIND_TABLE)
                .orElseThrow(() -> new WasmFormatException("module does not export " + TABLE_EXPORT))
                .index();
        for (String name : List.of(CALL_SAMPLE, DELIVER)) {
            if (info.export(name).isPresent()) {
                throw new WasmFormatException("module already exports " + name);
            }
        }
        for (int id : new int[] {WasmModuleInfo.SECTION_TYPE, WasmModuleInfo.SECTION_FUNCTION,
                WasmModuleInfo.SECTION_EXPORT, WasmModuleInfo.SECTION_CODE}) {
            if (info.section(id).isEmpty()) {
                throw new WasmFormatException("module has no section " + id + " to extend");
            }
        }
        List<FuncType> newTypes = new ArrayList<>();
        int callbackType = typeIndex(info, newTypes, CALLBACK_TYPE);
        int callSampleType = typeIndex(info, newTypes, CALL_SAMPLE_TYPE);
        int deliverType = typeIndex(info, newTypes, DELIVER_TYPE);
        int firstNew = info.importedFunctionCount() + info.definedFunctionCount();

        byte[] in = info.bytes();
        WasmBytesWriter out = new WasmBytesWriter().bytes(in, 0, 8);
        for (Section s : info.sections()) {
            switch (s.id()) {
                case WasmModuleInfo.SECTION_TYPE -> out.u8(s.id()).sized(appendTypes(in, s, newTypes));
                case WasmModuleInfo.SECTION_FUNCTION -> out.u8(s.id()).sized(
                        append(in, s, 2, new WasmBytesWriter().u32(callSampleType).u32(deliverType)));
                case WasmModuleInfo.SECTION_EXPORT -> out.u8(s.id()).sized(append(in, s, 2, new WasmBytesWriter()
                        .name(CALL_SAMPLE).u8(WasmModuleInfo.KIND_FUNC).u32(firstNew)
                        .name(DELIVER).u8(WasmModuleInfo.KIND_FUNC).u32(firstNew + 1)));
                case WasmModuleInfo.SECTION_CODE -> out.u8(s.id()).sized(append(in, s, 2, new WasmBytesWriter()
                        .sized(TrampolineCode.callSample(callbackType, table))
                        .sized(TrampolineCode.deliver(callbackType, table))));
                default -> out.bytes(in, s.start(), s.end() - s.start());
            }
        }
        return out.toByteArray();
    }

    private static int typeIndex(WasmModuleInfo info, List<FuncType> newTypes, FuncType type) {
        int existing = info.types().indexOf(type);
        if (existing >= 0) {
            return existing;
        }
        int added = newTypes.indexOf(type);
        if (added < 0) {
            newTypes.add(type);
            added = newTypes.size() - 1;
        }
        return info.types().size() + added;
    }

    private static byte[] appendTypes(byte[] in, Section s, List<FuncType> newTypes) {
        WasmBytesWriter tail = new WasmBytesWriter();
        for (FuncType t : newTypes) {
            tail.u8(0x60).u32(t.params().length).bytes(t.params()).u32(t.results().length).bytes(t.results());
        }
        return append(in, s, newTypes.size(), tail);
    }

    /** A vector section's payload with {@code added} more entries, encoded in {@code tail}. */
    private static byte[] append(byte[] in, Section s, int added, WasmBytesWriter tail) {
        WasmBytesReader r = new WasmBytesReader(in, s.payloadStart(), s.end());
        int count = r.u32();
        int entriesStart = r.pos();
        return new WasmBytesWriter()
                .u32(count + added)
                .bytes(in, entriesStart, s.end() - entriesStart)
                .bytes(tail.toByteArray())
                .toByteArray();
    }
}
