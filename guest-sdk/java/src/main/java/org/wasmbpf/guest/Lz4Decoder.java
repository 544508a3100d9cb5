package org.wasmbpf.guest;

import org.teavm.interop.Address;

/**
 * Decodes what {@code skeleton-gen java} embeds: the LZ4 block format, whose matches never overlap
 * the bytes they produce, so each literal run and each match is one {@code memory.copy}. It runs
 * at every start, in code the JVM running the guest has not compiled yet; a DEFLATE decoder there
 * cost a cold start ~30 ms, this costs a few Wasm instructions per sequence.
 */
final class Lz4Decoder {
    private Lz4Decoder() {
    }

    /**
     * Decodes {@code inLength} bytes at {@code in} to exactly {@code length} bytes at {@code out}.
     * Allocates nothing, so the addresses stay valid; checks every copy against both ends, so that
     * damaged data cannot write past {@code out}.
     */
    static void decode(Address in, int inLength, Address out, int length) {
        int ip = 0;
        int op = 0;
        while (ip < inLength) {
            int token = in.add(ip++).getByte() & 0xff;
            int literals = token >>> 4;
            if (literals == 15) {
                int b;
                do {
                    b = in.add(ip++).getByte() & 0xff;
                    literals += b;
                } while (b == 255 && ip < inLength);
            }
            if (literals > inLength - ip || literals > length - op) {
                break;
            }
            Address.moveMemoryBlock(in.add(ip), out.add(op), literals);
            ip += literals;
            op += literals;
            if (op == length && ip == inLength) {
                return;
            }
            if (inLength - ip < 2) {
                break;
            }
            int offset = (in.add(ip).getByte() & 0xff) | (in.add(ip + 1).getByte() & 0xff) << 8;
            ip += 2;
            int match = (token & 15) + 4;
            if (match == 19) {
                int b;
                do {
                    b = in.add(ip++).getByte() & 0xff;
                    match += b;
                } while (b == 255 && ip < inLength);
            }
            if (offset < match || offset > op || match > length - op) {
                break;
            }
            Address.moveMemoryBlock(out.add(op - offset), out.add(op), match);
            op += match;
        }
        // a constant message: a concatenation here would be code in every skeleton's open()
        throw new IllegalStateException("embedded data is damaged");
    }
}
