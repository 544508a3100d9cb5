package org.wasmbpf.host.wasmtime.rewrite;

import static org.wasmbpf.host.wasmtime.rewrite.WasmModuleInfo.I32;
import static org.wasmbpf.host.wasmtime.rewrite.WasmModuleInfo.I64;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.wasmbpf.host.imports.WasiErrno;
import org.wasmbpf.host.imports.WasmBpfImports;
import org.wasmbpf.host.wasm.Section;
import org.wasmbpf.host.wasm.WasmFormatException;
import org.wasmbpf.host.wasm.WasmReader;
import org.wasmbpf.host.wasm.WasmSections;
import org.wasmbpf.host.wasm.WasmWriter;
import org.wasmbpf.host.wasmtime.rewrite.WasmModuleInfo.FuncType;

/**
 * Adds exported trampolines so that a host that cannot reach the guest's function table
 * (wasmtime-java's {@code Table} has no methods) can still call the guest's sample callback, of
 * type {@code (i32 ctx, i32 data, i32 size) -> i32}, and deliver many samples per crossing:
 *
 * <ul>
 *   <li>when the module exports {@value #TABLE_EXPORT} (C, Rust):
 *     <ul>
 *       <li>{@value #CALL_SAMPLE}{@code (idx, ctx, data, size) -> i32}: one {@code call_indirect};
 *       <li>{@value #DELIVER}{@code (idx, ctx, data, batch, count) -> i32}: delivers {@code count}
 *           samples staged by the host in one crossing; see {@link TrampolineCode#deliver};
 *     </ul>
 *   <li>when it exports {@value #GO_CALLBACK} of the callback type (TinyGo):
 *       {@value #DELIVER_GO}{@code (ctx, data, batch, count) -> i32}, the same loop calling
 *       {@value #GO_CALLBACK} directly.
 * </ul>
 *
 * For each of those two conventions whose buffer-poll import the module has, it also adds an
 * unexported poll wrapper ({@link TrampolineCode#pollWrapper}) and sends every call of the import
 * in the module's own code to it, so the samples of a wake are delivered inside the guest
 * ({@link org.wasmbpf.host.spi.InGuestDelivery}) and a wake crosses once, not twice.
 *
 * <p>The hot imports, the polls and the WASI clock, are called through {@link ThinCall}: their
 * calls go to a wrapper (the poll wrapper's own call included), and the import's type becomes
 * {@code () -> ()} unless the module names it anywhere but in a direct call.
 *
 * <p>Only the type, function, export and code sections change, and the import section's type
 * index of a thinned import: the first three by appending, the code section by appending and by
 * the new target of those calls. So no existing index moves (the imported function count is
 * unchanged) and the name section stays valid. Every other section is copied byte for byte. The
 * input array is not modified.
 */
public final class WasmBinaryRewriter {
    public static final String TABLE_EXPORT = "__indirect_function_table";
    public static final String GO_CALLBACK = "go-callback";
    public static final String CALL_SAMPLE = "__wasmbpf_call_sample";
    public static final String DELIVER = "__wasmbpf_deliver";
    public static final String DELIVER_GO = "__wasmbpf_deliver_go";

    static final FuncType CALLBACK_TYPE = new FuncType(new byte[] {I32, I32, I32}, new byte[] {I32});
    static final FuncType CALL_SAMPLE_TYPE = new FuncType(new byte[] {I32, I32, I32, I32}, new byte[] {I32});
    static final FuncType DELIVER_TYPE = new FuncType(new byte[] {I32, I32, I32, I32, I32}, new byte[] {I32});
    static final FuncType DELIVER_GO_TYPE = CALL_SAMPLE_TYPE;
    static final String POLL_IMPORT = "wasm_bpf_buffer_poll";
    static final FuncType TABLE_POLL_TYPE = new FuncType(new byte[] {I64, I32, I32, I32, I32, I32, I32}, new byte[] {I32});
    static final String WASI_MODULE = "wasi_snapshot_preview1";
    static final String CLOCK_IMPORT = "clock_time_get";
    static final FuncType CLOCK_TYPE = new FuncType(new byte[] {I32, I64, I32}, new byte[] {I32});
    private static final int CLOCK_RESULT_PARAM = 2;
    static final FuncType GO_POLL_TYPE = new FuncType(new byte[] {I64, I32, I32, I32, I32, I32}, new byte[] {I32});
    private static final TrampolineCode.PollParams TABLE_POLL = new TrampolineCode.PollParams(7, 2, 3, 4, 5, 6);
    private static final TrampolineCode.PollParams GO_POLL = new TrampolineCode.PollParams(6, -1, 2, 3, 4, 5);

    private record Trampoline(String name, FuncType type, byte[] code) {}

    private WasmBinaryRewriter() {}

    /** @return whether {@link #addTrampolines} applies: the module exports its table or a {@value #GO_CALLBACK} */
    public static boolean applies(WasmModuleInfo info) {
        return table(info).isPresent() || goCallback(info).isPresent();
    }

    /** @return whether the module calls back through its table, so it needs the table trampolines */
    public static boolean needsTableTrampolines(WasmModuleInfo info) {
        return table(info).isPresent();
    }

    /**
     * @return a new module with the trampolines
     * @throws WasmFormatException when the module has neither an exported table nor a
     *     {@value #GO_CALLBACK} export, lacks a section the rewrite needs, or already exports a
     *     trampoline name
     */
    public static byte[] addTrampolines(WasmModuleInfo info) {
        return rewrite(info).bytes();
    }

    /**
     * A rewritten module, whether the guest's poll calls now go through a wrapper, and the
     * function imports whose type the rewrite changed to {@code () -> ()} ({@code thinned}), to
     * be called as {@link ThinCall} describes.
     */
    public record Rewritten(byte[] bytes, boolean wrapsPolls, List<Integer> thinned) {}

    /** As {@link #addTrampolines}, telling whether any poll wrapper was added. */
    public static Rewritten rewrite(WasmModuleInfo info) {
        try {
            return rewrite(info, true);
        } catch (WasmFormatException e) {
            // Code CallRedirect cannot decode (a newer proposal's instructions) keeps its import
            // calls: the plain poll, where the host calls into the guest once per batch.
            return rewrite(info, false);
        }
    }

    private static Rewritten rewrite(WasmModuleInfo info, boolean pollWrappers) {
        List<Trampoline> added = new ArrayList<>();
        List<FuncType> newTypes = new ArrayList<>();
        Map<Integer, Integer> redirects = new LinkedHashMap<>();
        int base = info.importedFunctionCount() + info.definedFunctionCount();
        Optional<Integer> table = table(info);
        Optional<Integer> goCallback = goCallback(info);
        Optional<Integer> tablePoll = pollImport(info, WasmBpfImports.MODULE, TABLE_POLL_TYPE)
                .filter(p -> pollWrappers && table.isPresent());
        Optional<Integer> goPoll = pollImport(info, WasmBpfImports.CALLBACK_WRAPPER_MODULE, GO_POLL_TYPE)
                .filter(p -> pollWrappers && goCallback.isPresent());
        List<HotImport> hot = pollWrappers ? hotImports(info, tablePoll, goPoll) : List.of();
        // The thin-call wrappers come first, so that the poll wrappers can name them; their code
        // (a thin call, or a forwarder) waits for the scan of the module's code.
        Map<Integer, Integer> callee = new LinkedHashMap<>();
        for (HotImport h : hot) {
            callee.put(h.function(), base + added.size());
            added.add(null);
        }
        if (table.isPresent()) {
            int callbackType = typeIndex(info, newTypes, CALLBACK_TYPE);
            int callSample = base + added.size();
            added.add(new Trampoline(CALL_SAMPLE, CALL_SAMPLE_TYPE, TrampolineCode.callSample(callbackType, table.get())));
            int deliver = base + added.size();
            added.add(new Trampoline(DELIVER, DELIVER_TYPE, TrampolineCode.deliver(callbackType, table.get())));
            tablePoll.ifPresent(poll -> {
                redirects.put(poll, base + added.size());
                added.add(new Trampoline(null, TABLE_POLL_TYPE,
                        TrampolineCode.pollWrapper(TABLE_POLL, callee.getOrDefault(poll, poll), callSample, deliver)));
            });
        }
        if (goCallback.isPresent()) {
            int deliverGo = base + added.size();
            added.add(new Trampoline(DELIVER_GO, DELIVER_GO_TYPE, TrampolineCode.deliverTo(goCallback.get())));
            goPoll.ifPresent(poll -> {
                redirects.put(poll, base + added.size());
                added.add(new Trampoline(null, GO_POLL_TYPE,
                        TrampolineCode.pollWrapper(GO_POLL, callee.getOrDefault(poll, poll), goCallback.get(), deliverGo)));
            });
        }
        if (table.isEmpty() && goCallback.isEmpty()) {
            throw new WasmFormatException("module exports neither " + TABLE_EXPORT + " nor a " + GO_CALLBACK
                    + " of type (i32, i32, i32) -> i32");
        }
        for (Trampoline t : added) {
            if (t != null && t.name() != null && info.export(t.name()).isPresent()) {
                throw new WasmFormatException("module already exports " + t.name());
            }
        }
        for (int id : new int[] {Section.TYPE, Section.FUNCTION, Section.EXPORT, Section.CODE}) {
            if (info.section(id).isEmpty()) {
                throw new WasmFormatException("module has no section " + id + " to extend");
            }
        }
        // A poll import's calls already go to its poll wrapper, which calls the thin one.
        callee.forEach(redirects::putIfAbsent);
        byte[] in = info.bytes();
        Set<Integer> keepType = new HashSet<>();
        byte[] code = CallRedirect.redirectCalls(in, info.section(Section.CODE).orElseThrow(), redirects, keepType);
        keepType.addAll(FunctionReferences.outsideCode(info, callee.keySet()));
        List<Integer> thinned = new ArrayList<>();
        for (int i = 0; i < hot.size(); i++) {
            HotImport h = hot.get(i);
            FuncType type = info.functionType(h.function());
            boolean thin = !keepType.contains(h.function());
            added.set(i, new Trampoline(null, type, thin
                    ? ThinCall.wrapper(type, h.function(), h.output(), h.refusal())
                    : ThinCall.forwarder(type, h.function())));
            if (thin) {
                thinned.add(h.function());
            }
        }
        int thinType = thinned.isEmpty() ? -1 : typeIndex(info, newTypes, ThinCall.THIN_TYPE);
        WasmWriter functions = new WasmWriter();
        WasmWriter exports = new WasmWriter();
        WasmWriter codes = new WasmWriter();
        int exported = 0;
        int next = base;
        for (Trampoline t : added) {
            functions.u32(typeIndex(info, newTypes, t.type()));
            if (t.name() != null) {
                exports.name(t.name()).u8(WasmModuleInfo.KIND_FUNC).u32(next);
                exported++;
            }
            codes.sized(t.code());
            next++;
        }
        int n = added.size();
        // sized for the module and the trampolines (a few hundred bytes), so the copy never regrows
        WasmWriter out = new WasmWriter(in.length + 1024).bytes(in, 0, WasmSections.HEADER_SIZE);
        for (Section s : info.sections()) {
            switch (s.id()) {
                case Section.TYPE -> out.section(s.id(), appendTypes(in, s, newTypes));
                case Section.IMPORT -> {
                    if (thinned.isEmpty()) {
                        out.section(in, s);
                    } else {
                        out.section(s.id(), ImportRetyping.retype(in, s, thinned, thinType));
                    }
                }
                case Section.FUNCTION -> out.section(s.id(), append(in, s, n, functions));
                case Section.EXPORT -> out.section(s.id(), append(in, s, exported, exports));
                case Section.CODE -> out.section(s.id(), appendTo(code, n, codes));
                default -> out.section(in, s);
            }
        }
        return new Rewritten(out.toByteArray(), tablePoll.isPresent() || goPoll.isPresent(), List.copyOf(thinned));
    }

    /** A hot import: its function index, the parameter that points at its output, and what a call refused for that pointer returns. */
    private record HotImport(int function, int output, int refusal) {}

    /**
     * The imports whose calls go through {@link ThinCall}: the buffer polls the rewrite wraps and
     * the WASI clock, the ones a guest calls per wake. Only with a memory of at least a page for
     * the slots.
     */
    private static List<HotImport> hotImports(WasmModuleInfo info, Optional<Integer> tablePoll, Optional<Integer> goPoll) {
        List<HotImport> hot = new ArrayList<>();
        if (info.memoryMinPages() < 1) {
            return hot;
        }
        tablePoll.ifPresent(p -> hot.add(new HotImport(p, TABLE_POLL.data(), -WasiErrno.EFAULT)));
        goPoll.ifPresent(p -> hot.add(new HotImport(p, GO_POLL.data(), -WasiErrno.EFAULT)));
        functionImport(info, WASI_MODULE, CLOCK_IMPORT, CLOCK_TYPE)
                .ifPresent(c -> hot.add(new HotImport(c, CLOCK_RESULT_PARAM, WasiErrno.EFAULT)));
        return hot;
    }

    /** The function index of the import {@code module.wasm_bpf_buffer_poll}, if the module imports it with {@code type}. */
    private static Optional<Integer> pollImport(WasmModuleInfo info, String module, FuncType type) {
        return functionImport(info, module, POLL_IMPORT, type);
    }

    /** The function index of the import {@code module.name}, if the module imports it with {@code type}. */
    private static Optional<Integer> functionImport(WasmModuleInfo info, String module, String name, FuncType type) {
        int index = 0;
        for (WasmModuleInfo.Import i : info.imports()) {
            if (i.kind() != WasmModuleInfo.KIND_FUNC) {
                continue;
            }
            if (i.module().equals(module) && i.name().equals(name) && type.equals(info.functionType(index))) {
                return Optional.of(index);
            }
            index++;
        }
        return Optional.empty();
    }

    private static Optional<Integer> table(WasmModuleInfo info) {
        return info.export(TABLE_EXPORT, WasmModuleInfo.KIND_TABLE).map(WasmModuleInfo.Export::index);
    }

    /** The function index of a {@value #GO_CALLBACK} export of the callback type. */
    private static Optional<Integer> goCallback(WasmModuleInfo info) {
        return info.export(GO_CALLBACK, WasmModuleInfo.KIND_FUNC).map(WasmModuleInfo.Export::index)
                .filter(f -> CALLBACK_TYPE.equals(info.functionType(f)));
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
        WasmWriter tail = new WasmWriter();
        for (FuncType t : newTypes) {
            tail.u8(0x60).u32(t.params().length).bytes(t.params()).u32(t.results().length).bytes(t.results());
        }
        return append(in, s, newTypes.size(), tail);
    }

    /** A vector section's payload with {@code added} more entries, encoded in {@code tail}. */
    private static byte[] append(byte[] in, Section s, int added, WasmWriter tail) {
        return append(in, s.payloadStart(), s.end(), added, tail);
    }

    private static byte[] appendTo(byte[] payload, int added, WasmWriter tail) {
        return append(payload, 0, payload.length, added, tail);
    }

    /** As {@link #append(byte[], Section, int, WasmWriter)}, for the payload at {@code [start, end)} of {@code bytes}. */
    private static byte[] append(byte[] bytes, int start, int end, int added, WasmWriter tail) {
        WasmReader r = new WasmReader(bytes, start, end);
        int count = r.u32();
        int entriesStart = r.pos();
        return new WasmWriter(end - start + tail.size() + 5)
                .u32(count + added)
                .bytes(bytes, entriesStart, end - entriesStart)
                .bytes(tail.toByteArray())
                .toByteArray();
    }
}
