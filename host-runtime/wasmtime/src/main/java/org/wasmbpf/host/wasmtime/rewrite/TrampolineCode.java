package org.wasmbpf.host.wasmtime.rewrite;

import static org.wasmbpf.host.wasmtime.rewrite.Opcodes.*;

import java.util.function.Consumer;
import org.wasmbpf.host.imports.WasiErrno;
import org.wasmbpf.host.spi.InGuestDelivery;
import org.wasmbpf.host.wasm.WasmWriter;

/**
 * The bodies of the trampolines, as Wasm code. Parameters are numbered as in the exported
 * signatures documented on {@link WasmBinaryRewriter}.
 */
final class TrampolineCode {
    static final int INLINE_COPY_MAX = 256;

    private TrampolineCode() {}

    /** {@code (idx, ctx, data, size) -> callback[idx](ctx, data, size)}. */
    static byte[] callSample(int callbackType, int table) {
        WasmWriter w = new WasmWriter().u32(0); // no locals
        w.u8(LOCAL_GET).u32(1).u8(LOCAL_GET).u32(2).u8(LOCAL_GET).u32(3).u8(LOCAL_GET).u32(0);
        w.u8(CALL_INDIRECT).u32(callbackType).u32(table);
        w.u8(END);
        return w.toByteArray();
    }

    /**
     * {@code (idx, ctx, data, batch, count) -> i32}: for each record {src, size} after the
     * {@link InGuestDelivery} header at {@code batch}, copies the sample to {@code data}, calls the callback and stops at
     * the first non-zero result, which it returns (0 when all ran). Stores how many callbacks ran
     * at {@code batch}.
     */
    static byte[] deliver(int callbackType, int table) {
        return deliverLoop(1, w -> w.u8(LOCAL_GET).u32(0).u8(CALL_INDIRECT).u32(callbackType).u32(table));
    }

    /** {@code (ctx, data, batch, count) -> i32}: as {@link #deliver}, calling function {@code callback} directly. */
    static byte[] deliverTo(int callback) {
        return deliverLoop(0, w -> w.u8(CALL).u32(callback));
    }

    /**
     * The batching loop; parameters ctx, data, batch, count start at {@code first}, and
     * {@code emitCall} emits the call of the callback whose three arguments are on the stack.
     */
    private static byte[] deliverLoop(int first, Consumer<WasmWriter> emitCall) {
        final int ctx = first, data = first + 1, batch = first + 2, count = first + 3;
        final int i = first + 4, rec = first + 5, result = first + 6;
        final int src = first + 7, dst = first + 8, n = first + 9;
        WasmWriter w = new WasmWriter().u32(1).u32(6).u8(WasmModuleInfo.I32); // locals i, rec, result, src, dst, n
        w.u8(BLOCK).u8(VOID).u8(LOOP).u8(VOID);
        // if (i >= count) break
        w.u8(LOCAL_GET).u32(i).u8(LOCAL_GET).u32(count).u8(I32_GE_U).u8(BR_IF).u32(1);
        // rec = batch + HEADER + (i << 3)
        w.u8(LOCAL_GET).u32(batch).u8(LOCAL_GET).u32(i).u8(I32_CONST).s32(3).u8(I32_SHL).u8(I32_ADD);
        w.u8(I32_CONST).s32(InGuestDelivery.HEADER).u8(I32_ADD).u8(LOCAL_SET).u32(rec);
        // copy rec.size bytes from rec.src to data
        w.u8(LOCAL_GET).u32(rec).u8(I32_LOAD).u32(ALIGN_4).u32(0).u8(LOCAL_SET).u32(src);
        w.u8(LOCAL_GET).u32(rec).u8(I32_LOAD).u32(ALIGN_4).u32(4).u8(LOCAL_SET).u32(n);
        w.u8(LOCAL_GET).u32(data).u8(LOCAL_SET).u32(dst);
        copy(w, src, dst, n);
        // i = i + 1 (before the call, so the count stored on a stop includes the stopping callback)
        w.u8(LOCAL_GET).u32(i).u8(I32_CONST).s32(1).u8(I32_ADD).u8(LOCAL_SET).u32(i);
        // result = callback(ctx, data, rec.size)
        w.u8(LOCAL_GET).u32(ctx).u8(LOCAL_GET).u32(data);
        w.u8(LOCAL_GET).u32(rec).u8(I32_LOAD).u32(ALIGN_4).u32(4);
        emitCall.accept(w);
        w.u8(LOCAL_TEE).u32(result);
        // if (result != 0) { *batch = i; return result; }
        w.u8(IF).u8(VOID);
        w.u8(LOCAL_GET).u32(batch).u8(LOCAL_GET).u32(i).u8(I32_STORE).u32(ALIGN_4).u32(0);
        w.u8(LOCAL_GET).u32(result).u8(RETURN);
        w.u8(END);
        w.u8(BR).u32(0);
        w.u8(END).u8(END);
        // *batch = i; return 0
        w.u8(LOCAL_GET).u32(batch).u8(LOCAL_GET).u32(i).u8(I32_STORE).u32(ALIGN_4).u32(0);
        w.u8(I32_CONST).s32(0);
        w.u8(END);
        return w.toByteArray();
    }

    /**
     * Copies {@code n} bytes from {@code src} down to {@code dst} (never above it, so a forward
     * copy is right even when they overlap). Samples up to {@link #INLINE_COPY_MAX} bytes are
     * copied by a loop of 8-byte loads and stores: wasmtime 7's {@code memory.copy} is a call
     * into the runtime that looks the memory up each time, ~13% of a steady 64-byte stream's
     * guest thread; larger ones take it.
     */
    private static void copy(WasmWriter w, int src, int dst, int n) {
        w.u8(LOCAL_GET).u32(n).u8(I32_CONST).s32(INLINE_COPY_MAX).u8(I32_GT_U).u8(IF).u8(VOID);
        w.u8(LOCAL_GET).u32(dst).u8(LOCAL_GET).u32(src).u8(LOCAL_GET).u32(n);
        w.u8(PREFIX_FC).u32(MEMORY_COPY).u8(0).u8(0);
        w.u8(ELSE);
        // while (n >= 8) { *(i64 *) dst = *(i64 *) src; dst += 8; src += 8; n -= 8; }
        w.u8(BLOCK).u8(VOID).u8(LOOP).u8(VOID);
        w.u8(LOCAL_GET).u32(n).u8(I32_CONST).s32(8).u8(I32_LT_U).u8(BR_IF).u32(1);
        w.u8(LOCAL_GET).u32(dst).u8(LOCAL_GET).u32(src).u8(I64_LOAD).u32(0).u32(0).u8(I64_STORE).u32(0).u32(0);
        step(w, dst, 8);
        step(w, src, 8);
        step(w, n, -8);
        w.u8(BR).u32(0).u8(END).u8(END);
        // while (n != 0) { *dst++ = *src++; n--; }
        w.u8(BLOCK).u8(VOID).u8(LOOP).u8(VOID);
        w.u8(LOCAL_GET).u32(n).u8(I32_EQZ).u8(BR_IF).u32(1);
        w.u8(LOCAL_GET).u32(dst).u8(LOCAL_GET).u32(src).u8(I32_LOAD8_U).u32(0).u32(0).u8(I32_STORE8).u32(0).u32(0);
        step(w, dst, 1);
        step(w, src, 1);
        step(w, n, -1);
        w.u8(BR).u32(0).u8(END).u8(END);
        w.u8(END);
    }

    private static void step(WasmWriter w, int local, int by) {
        w.u8(LOCAL_GET).u32(local).u8(I32_CONST).s32(by).u8(I32_ADD).u8(LOCAL_SET).u32(local);
    }

    /**
     * Where a buffer-poll import keeps the arguments the wrapper needs: parameter indices, and
     * {@code sampleFunc} -1 in the convention without one.
     */
    record PollParams(int count, int sampleFunc, int ctx, int data, int maxSize, int last) {}

    /**
     * The poll wrapper of {@link InGuestDelivery}, of the import's own type: polls with the
     * staging flags, delivers each staged sample or batch itself and reports back when it must,
     * so a wake makes one crossing (the import's) instead of two. A {@code max_size} the flags
     * cannot ride on goes to the import unchanged, a negative one nowhere (-EFAULT).
     *
     * @param one the function that calls back for one sample: {@code ([sampleFunc,] ctx, data, size)}
     * @param batch the function that delivers a batch: {@code ([sampleFunc,] ctx, data, batch, count)}
     */
    static byte[] pollWrapper(PollParams p, int pollImport, int one, int deliver) {
        final int r = p.count(), x = r + 1, batch = r + 2, res = r + 3, fin = r + 4;
        WasmWriter w = new WasmWriter().u32(1).u32(5).u8(WasmModuleInfo.I32); // locals r, x, batch, res, fin
        // if (max_size < 0) return -EFAULT: what the import returns for a range past the end of
        // memory, and such a max_size must not reach it, where its top bit would read as a flag
        w.u8(LOCAL_GET).u32(p.maxSize()).u8(I32_CONST).s32(0).u8(I32_LT_S).u8(IF).u8(VOID);
        w.u8(I32_CONST).s32(-WasiErrno.EFAULT).u8(RETURN).u8(END);
        // if (max_size >= MAX_SIZE_LIMIT) return import(args...)
        w.u8(LOCAL_GET).u32(p.maxSize()).u8(I32_CONST).s32(InGuestDelivery.MAX_SIZE_LIMIT).u8(I32_GE_U).u8(IF).u8(VOID);
        callPoll(w, p, pollImport, 0, -1);
        w.u8(RETURN).u8(END);
        callPoll(w, p, pollImport, InGuestDelivery.STAGE, -1);
        w.u8(LOCAL_SET).u32(r);
        w.u8(LOOP).u8(VOID);
        // if (r >= RESULT_MIN) return r
        w.u8(LOCAL_GET).u32(r).u8(I32_CONST).s32(InGuestDelivery.RESULT_MIN).u8(I32_GE_S).u8(IF).u8(VOID);
        w.u8(LOCAL_GET).u32(r).u8(RETURN).u8(END);
        // x = r & 0x7fffffff: a lone sample's size, or MAX_SIZE_LIMIT + a batch's offset
        w.u8(LOCAL_GET).u32(r).u8(I32_CONST).s32(Integer.MAX_VALUE).u8(I32_AND).u8(LOCAL_SET).u32(x);
        w.u8(LOCAL_GET).u32(x).u8(I32_CONST).s32(InGuestDelivery.MAX_SIZE_LIMIT).u8(I32_LT_U).u8(IF).u8(VOID);
        // res = callback(ctx, data, x)
        pushSampleFunc(w, p);
        w.u8(LOCAL_GET).u32(p.ctx()).u8(LOCAL_GET).u32(p.data()).u8(LOCAL_GET).u32(x);
        w.u8(CALL).u32(one);
        w.u8(LOCAL_SET).u32(res);
        w.u8(ELSE);
        // batch = data + x - MAX_SIZE_LIMIT; fin = batch->final (read before any callback runs)
        w.u8(LOCAL_GET).u32(p.data()).u8(LOCAL_GET).u32(x).u8(I32_ADD);
        w.u8(I32_CONST).s32(InGuestDelivery.MAX_SIZE_LIMIT).u8(I32_SUB).u8(LOCAL_SET).u32(batch);
        w.u8(LOCAL_GET).u32(batch).u8(I32_LOAD).u32(ALIGN_4).u32(InGuestDelivery.FINAL).u8(LOCAL_SET).u32(fin);
        // res = deliver(ctx, data, batch, batch->count)
        pushSampleFunc(w, p);
        w.u8(LOCAL_GET).u32(p.ctx()).u8(LOCAL_GET).u32(p.data()).u8(LOCAL_GET).u32(batch);
        w.u8(LOCAL_GET).u32(batch).u8(I32_LOAD).u32(ALIGN_4).u32(InGuestDelivery.COUNT);
        w.u8(CALL).u32(deliver);
        w.u8(LOCAL_TEE).u32(res);
        // if (res == 0 && fin >= 0) return fin: the poll's last batch, settled by the host later
        w.u8(I32_EQZ).u8(IF).u8(VOID);
        w.u8(LOCAL_GET).u32(fin).u8(I32_CONST).s32(0).u8(I32_GE_S).u8(IF).u8(VOID);
        w.u8(LOCAL_GET).u32(fin).u8(RETURN).u8(END);
        w.u8(END);
        w.u8(END);
        // r = import(..., max_size | STAGE | REPORT, res); if (res != 0) return res
        callPoll(w, p, pollImport, InGuestDelivery.STAGE | InGuestDelivery.REPORT, res);
        w.u8(LOCAL_SET).u32(r);
        w.u8(LOCAL_GET).u32(res).u8(IF).u8(VOID).u8(LOCAL_GET).u32(res).u8(RETURN).u8(END);
        w.u8(BR).u32(0);
        w.u8(END);
        w.u8(UNREACHABLE).u8(END);
        return w.toByteArray();
    }

    private static void pushSampleFunc(WasmWriter w, PollParams p) {
        if (p.sampleFunc() >= 0) {
            w.u8(LOCAL_GET).u32(p.sampleFunc());
        }
    }

    /** Calls the import with the wrapper's own arguments, {@code flags} or-ed into max_size and the last one replaced by local {@code lastFrom} (unless -1). */
    private static void callPoll(WasmWriter w, PollParams p, int pollImport, int flags, int lastFrom) {
        for (int i = 0; i < p.count(); i++) {
            w.u8(LOCAL_GET).u32(i == p.last() && lastFrom >= 0 ? lastFrom : i);
            if (i == p.maxSize() && flags != 0) {
                w.u8(I32_CONST).s32(flags).u8(I32_OR);
            }
        }
        w.u8(CALL).u32(pollImport);
    }
}
