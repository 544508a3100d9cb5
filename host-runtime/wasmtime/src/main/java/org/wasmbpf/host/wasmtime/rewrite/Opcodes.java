package org.wasmbpf.host.wasmtime.rewrite;

/** The Wasm opcodes and alignment immediates of the code the rewriter writes. */
final class Opcodes {
    static final int LOCAL_GET = 0x20;
    static final int LOCAL_SET = 0x21;
    static final int LOCAL_TEE = 0x22;
    static final int CALL = 0x10;
    static final int CALL_INDIRECT = 0x11;
    static final int I32_CONST = 0x41;
    static final int I32_LOAD = 0x28;
    static final int I32_STORE = 0x36;
    static final int I32_ADD = 0x6a;
    static final int I32_SHL = 0x74;
    static final int I32_GE_U = 0x4f;
    static final int I32_GE_S = 0x4e;
    static final int I32_GT_U = 0x4b;
    static final int I64_LOAD = 0x29;
    static final int I64_STORE = 0x37;
    static final int I32_LOAD8_U = 0x2d;
    static final int I32_STORE8 = 0x3a;
    static final int I32_LT_U = 0x49;
    static final int I32_LT_S = 0x48;
    static final int I32_EQZ = 0x45;
    static final int I32_SUB = 0x6b;
    static final int I32_AND = 0x71;
    static final int I32_OR = 0x72;
    static final int ELSE = 0x05;
    static final int UNREACHABLE = 0x00;
    static final int BLOCK = 0x02;
    static final int LOOP = 0x03;
    static final int IF = 0x04;
    static final int BR = 0x0c;
    static final int BR_IF = 0x0d;
    static final int RETURN = 0x0f;
    static final int END = 0x0b;
    static final int VOID = 0x40;
    static final int PREFIX_FC = 0xfc;
    static final int MEMORY_COPY = 10;
    static final int ALIGN_4 = 2;
    static final int ALIGN_8 = 3;

    private Opcodes() {}
}
