package org.wasmbpf.host.wasmtime.rewrite;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.wasmbpf.host.wasm.Section;
import org.wasmbpf.host.wasm.WasmFormatException;
import org.wasmbpf.host.wasm.WasmReader;
import org.wasmbpf.host.wasm.WasmWriter;

/**
 * Retargets direct calls in a code section. Every instruction is decoded, immediates included,
 * because a 0x10 byte inside an i32.const, a memarg or a v128.const is not a call; an opcode whose
 * immediates are not known here is refused rather than guessed at, since skipping the wrong number
 * of bytes would silently misread the rest of the body.
 */
final class CallRedirect {
    private CallRedirect() {}

    /**
     * The code section's payload with every {@code call from} (opcode 0x10) in every function body
     * replaced by {@code call to}; bodies whose instruction stream has no such call are copied byte
     * for byte. Only direct calls move: {@code return_call}, {@code ref.func}, element segments
     * and exports still name {@code from}.
     *
     * @throws WasmFormatException when a body whose bytes could name {@code from} is truncated or
     *     holds an opcode not known here (a body that cannot is copied without being decoded); the
     *     message names the function's index within the code section and the byte offset
     */
    static byte[] redirectCalls(byte[] module, Section code, int from, int to) {
        return redirectCalls(module, code, Map.of(from, to));
    }

    /**
     * As {@link #redirectCalls(byte[], Section, int, int)} for each entry of {@code redirects}
     * (callee to new callee) at once. With no entry the payload is copied without being decoded,
     * so that a module using instructions not known here is refused only when there is something
     * to redirect.
     */
    static byte[] redirectCalls(byte[] module, Section code, Map<Integer, Integer> redirects) {
        return redirectCalls(module, code, redirects, new HashSet<>());
    }

    /**
     * As {@link #redirectCalls(byte[], Section, Map)}, adding to {@code otherUses} each callee of
     * {@code redirects} that a body names other than by a direct call ({@code return_call},
     * {@code ref.func}): those uses keep the callee's type.
     */
    static byte[] redirectCalls(byte[] module, Section code, Map<Integer, Integer> redirects, Set<Integer> otherUses) {
        return redirectCalls(module, code, redirects, otherUses, false);
    }

    /**
     * As above; with {@code decodeEvery}, also the bodies that cannot name a callee are decoded
     * (and refused like the others): the fuzz tests' way to reach the decoder through every body.
     */
    static byte[] redirectCalls(byte[] module, Section code, Map<Integer, Integer> redirects, Set<Integer> otherUses,
            boolean decodeEvery) {
        if (redirects.isEmpty()) {
            return Arrays.copyOfRange(module, code.payloadStart(), code.end());
        }
        WasmReader r = code.payload(module);
        int count = r.length();
        // A redirect to a larger index rarely grows a body by more than a few bytes.
        WasmWriter out = new WasmWriter(code.end() - code.payloadStart() + 64);
        out.u32(count);
        for (int f = 0; f < count; f++) {
            int sizeAt = r.pos();
            try {
                int size = r.length();
                int start = r.pos();
                r.skip(size);
                int[] hits = decodeEvery || mayName(module, start, start + size, redirects)
                        ? scan(module, start, start + size, redirects, otherUses) : null;
                if (hits == null) {
                    // The original size encoding too, even if it was padded.
                    out.bytes(module, sizeAt, start + size - sizeAt);
                } else {
                    out.sized(rewrite(module, start, start + size, hits));
                }
            } catch (WasmFormatException e) {
                String message = "code section function " + f + " (at offset " + sizeAt + "): " + e.getMessage();
                throw e.truncated() ? WasmFormatException.truncated(message) : new WasmFormatException(message);
            }
        }
        if (!r.atEnd()) {
            throw new WasmFormatException("code section has " + r.remaining() + " bytes after its " + count
                    + " function bodies, at offset " + r.pos());
        }
        return out.toByteArray();
    }

    /**
     * Whether the bytes of a body hold, anywhere, an opcode that names a function (call,
     * return_call, ref.func) followed by a LEB128 of a callee in {@code redirects}. An instruction
     * is contiguous bytes, so a body without that pattern has no such instruction and need not be
     * decoded: most bodies; decoding them all, in a JVM that still interprets it, was ~2 ms of a
     * cold start.
     */
    private static boolean mayName(byte[] module, int start, int end, Map<Integer, Integer> redirects) {
        for (int i = start; i < end - 1; i++) {
            int op = module[i] & 0xff;
            if (op == 0x10 || op == 0x12 || op == 0xd2) {
                long callee = 0;
                for (int k = 0, at = i + 1; k < 5 && at < end; k++, at++) {
                    callee |= (long) (module[at] & 0x7f) << (7 * k);
                    if ((module[at] & 0x80) == 0) {
                        if (callee <= Integer.MAX_VALUE && redirects.containsKey((int) callee)) {
                            return true;
                        }
                        break;
                    }
                }
            }
        }
        return false;
    }

    /** The body with each call immediate in {@code hits} (start, end, new callee) re-encoded. */
    private static byte[] rewrite(byte[] module, int start, int end, int[] hits) {
        WasmWriter body = new WasmWriter(end - start + hits.length * 2);
        int copied = start;
        for (int i = 0; i < hits.length; i += 3) {
            body.bytes(module, copied, hits[i] - copied).u32(hits[i + 2]);
            copied = hits[i + 1];
        }
        return body.bytes(module, copied, end - copied).toByteArray();
    }

    /**
     * Start and end offsets of the immediate of each call to be redirected in the body, and its new
     * callee, in order, or null when there is none, so that the common case allocates nothing.
     * Block nesting is tracked so that a body cut short at an instruction boundary is still noticed
     * as truncated.
     */
    private static int[] scan(byte[] module, int start, int end, Map<Integer, Integer> redirects, Set<Integer> otherUses) {
        WasmReader r = new WasmReader(module, start, end);
        for (int n = r.length(); n > 0; n--) {
            r.u32();
            typeOrIndex(r);
        }
        int[] hits = null;
        int found = 0;
        int depth = 0;
        while (true) {
            int at = r.pos();
            int op = r.u8();
            switch (op) {
                case 0x00, 0x01, 0x05, 0x0a, 0x0f, 0x19, 0x1a, 0x1b, 0xd1, 0xd3, 0xd4 -> { }
                case 0x02, 0x03, 0x04, 0x06 -> {
                    typeOrIndex(r);
                    depth++;
                }
                case 0x0b -> {
                    if (depth-- == 0) {
                        if (!r.atEnd()) {
                            throw new WasmFormatException("body goes on past its final end at offset " + at);
                        }
                        return hits == null ? null : Arrays.copyOf(hits, found);
                    }
                }
                case 0x18 -> { // delegate closes its try as end would
                    r.u32();
                    if (depth-- == 0) {
                        throw new WasmFormatException("delegate outside any try at offset " + at);
                    }
                }
                case 0x07, 0x08, 0x09, 0x0c, 0x0d, 0x14, 0x15, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26,
                        0x3f, 0x40, 0xd5, 0xd6 -> r.u32();
                case 0x12, 0xd2 -> { // return_call, ref.func
                    int callee = r.u32();
                    if (redirects.containsKey(callee)) {
                        otherUses.add(callee);
                    }
                }
                case 0x0e -> {
                    for (int n = r.length(); n >= 0; n--) { // the labels and then the default
                        r.u32();
                    }
                }
                case 0x10 -> {
                    int immediate = r.pos();
                    Integer to = redirects.get(r.u32());
                    if (to != null) {
                        if (hits == null || found == hits.length) {
                            hits = hits == null ? new int[12] : Arrays.copyOf(hits, hits.length * 2);
                        }
                        hits[found++] = immediate;
                        hits[found++] = r.pos();
                        hits[found++] = to;
                    }
                }
                case 0x11, 0x13 -> {
                    r.u32();
                    r.u32();
                }
                case 0x1c -> {
                    for (int n = r.length(); n > 0; n--) {
                        typeOrIndex(r);
                    }
                }
                case 0x41 -> skipLeb(r, 5);
                case 0x42 -> skipLeb(r, 10);
                case 0x43 -> r.skip(4);
                case 0x44 -> r.skip(8);
                case 0xd0 -> skipLeb(r, 5); // a heap type: one byte, or an s33 type index
                case 0xfc -> miscPrefixed(r, at);
                case 0xfd -> simdPrefixed(r, at);
                case 0xfe -> threadsPrefixed(r, at);
                default -> {
                    if (op >= 0x28 && op <= 0x3e) {
                        memarg(r);
                    } else if (!(op >= 0x45 && op <= 0xc4)) {
                        throw unknown(String.format("0x%02x", op), at);
                    }
                }
            }
        }
    }

    private static void miscPrefixed(WasmReader r, int at) {
        int sub = r.u32();
        if (sub < 0 || sub > 17) {
            throw unknown("0xfc " + Integer.toUnsignedString(sub), at);
        }
        // 0-7 (saturating truncations) take nothing; the init and copy instructions take two indices.
        for (int n = sub < 8 ? 0 : sub == 8 || sub == 10 || sub == 12 || sub == 14 ? 2 : 1; n > 0; n--) {
            r.u32();
        }
    }

    private static void simdPrefixed(WasmReader r, int at) {
        int sub = r.u32();
        if (sub >= 0 && sub <= 11 || sub == 92 || sub == 93) {
            memarg(r);
        } else if (sub == 12 || sub == 13) {
            r.skip(16);
        } else if (sub >= 21 && sub <= 34) {
            r.skip(1);
        } else if (sub >= 84 && sub <= 91) {
            memarg(r);
            r.skip(1);
        } else if (sub < 0 || sub >= 256) {
            // Relaxed SIMD and later extensions live here; their immediates are not known here.
            throw unknown("0xfd " + Integer.toUnsignedString(sub), at);
        }
    }

    private static void threadsPrefixed(WasmReader r, int at) {
        int sub = r.u32();
        if (sub == 3) {
            r.skip(1); // atomic.fence's reserved byte
        } else if (sub >= 0 && sub <= 0x4e) {
            memarg(r);
        } else {
            throw unknown("0xfe " + Integer.toUnsignedString(sub), at);
        }
    }

    /** Multi-memory flags a memory index by bit 6 of the alignment; memory64 offsets may take ten bytes. */
    private static void memarg(WasmReader r) {
        int align = r.u32();
        if ((align & 0x40) != 0) {
            r.u32();
        }
        skipLeb(r, 10);
    }

    /** A value type or an s33 block type; a typed reference (0x63, 0x64) has a heap type after it. */
    private static void typeOrIndex(WasmReader r) {
        int b = r.u8();
        if (b == 0x63 || b == 0x64) {
            skipLeb(r, 5);
        } else if ((b & 0x80) != 0) {
            skipLeb(r, 4);
        }
    }

    /** Skips a LEB128 whose value does not matter here, signed or not: only its length does. */
    private static void skipLeb(WasmReader r, int maxBytes) {
        for (int n = 1; (r.u8() & 0x80) != 0; n++) {
            if (n == maxBytes) {
                throw new WasmFormatException("LEB128 longer than " + maxBytes + " bytes at offset " + (r.pos() - n));
            }
        }
    }

    private static WasmFormatException unknown(String opcode, int at) {
        return new WasmFormatException("unknown opcode " + opcode + " at offset " + at);
    }
}
