package org.wasmbpf.bpf.btf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every BTF kind decodes to its record; malformed BTF is rejected with the type id or offset. */
class BtfParserTest {
    @Test
    void decodesEveryKind() {
        BtfBuilder b = new BtfBuilder();
        int i32 = b.intType("int", 4, BtfType.Int.SIGNED);                                   // 1
        int ptr = b.ptr(i32);                                                                 // 2
        int arr = b.type(0, BtfKind.ARRAY, 0, false, 0, i32, i32, 7);                        // 3
        int st = b.type("s", BtfKind.STRUCT, 2, true, 8,
                b.str("a"), i32, 0, b.str("bf"), i32, (3 << 24) | 37);                       // 4
        int un = b.type("u", BtfKind.UNION, 1, false, 4, b.str("x"), i32, 0);                 // 5
        int en = b.type("e", BtfKind.ENUM, 2, true, 4, b.str("A"), -1, b.str("B"), 2);        // 6
        int fwd = b.type("f", BtfKind.FWD, 0, true, 0);                                       // 7
        int td = b.type("t", BtfKind.TYPEDEF, 0, false, st);                                  // 8
        int vol = b.type(0, BtfKind.VOLATILE, 0, false, td);                                  // 9
        int cst = b.type(0, BtfKind.CONST, 0, false, vol);                                    // 10
        int res = b.type(0, BtfKind.RESTRICT, 0, false, ptr);                                 // 11
        int proto = b.type(0, BtfKind.FUNC_PROTO, 1, false, i32, b.str("p"), ptr);            // 12
        int fn = b.type("fn", BtfKind.FUNC, 1, false, proto);                                 // 13
        int var = b.type("v", BtfKind.VAR, 0, false, cst, 1);                                 // 14
        int sec = b.type(".rodata", BtfKind.DATASEC, 1, false, 8, var, 0, 8);                 // 15
        int flt = b.type("double", BtfKind.FLOAT, 0, false, 8);                               // 16
        int tag = b.type("tag", BtfKind.DECL_TAG, 0, false, st, 1);                           // 17
        int ttag = b.type("user", BtfKind.TYPE_TAG, 0, false, i32);                           // 18
        int e64 = b.type("e64", BtfKind.ENUM64, 1, false, 8, b.str("BIG"), 1, 2);             // 19
        Btf btf = Btf.parse(b.build());

        assertEquals(20, btf.size());
        assertEquals(new BtfType.Int(i32, "int", 4, BtfType.Int.SIGNED, 0, 32), btf.type(i32));
        assertEquals(new BtfType.Ptr(ptr, i32), btf.type(ptr));
        assertEquals(new BtfType.Array(arr, i32, i32, 7), btf.type(arr));
        assertEquals(new BtfType.Struct(st, "s", 8, List.of(new BtfType.Member("a", i32, 0, 0),
                new BtfType.Member("bf", i32, 37, 3))), btf.type(st));
        assertEquals(new BtfType.Union(un, "u", 4, List.of(new BtfType.Member("x", i32, 0, 0))), btf.type(un));
        assertEquals(new BtfType.Enum(en, "e", 4, true, List.of(new BtfType.EnumValue("A", -1),
                new BtfType.EnumValue("B", 2))), btf.type(en));
        assertEquals(new BtfType.Fwd(fwd, "f", true), btf.type(fwd));
        assertEquals(new BtfType.Typedef(td, "t", st), btf.type(td));
        assertEquals(new BtfType.Volatile(vol, td), btf.type(vol));
        assertEquals(new BtfType.Const(cst, vol), btf.type(cst));
        assertEquals(new BtfType.Restrict(res, ptr), btf.type(res));
        assertEquals(new BtfType.FuncProto(proto, i32, List.of(new BtfType.Param("p", ptr))), btf.type(proto));
        assertEquals(new BtfType.Func(fn, "fn", proto, 1), btf.type(fn));
        assertEquals(new BtfType.Var(var, "v", cst, 1), btf.type(var));
        assertEquals(new BtfType.DataSec(sec, ".rodata", 8, List.of(new BtfType.VarSecInfo(var, 0, 8))), btf.type(sec));
        assertEquals(new BtfType.Float(flt, "double", 8), btf.type(flt));
        assertEquals(new BtfType.DeclTag(tag, "tag", st, 1), btf.type(tag));
        assertEquals(new BtfType.TypeTag(ttag, "user", i32), btf.type(ttag));
        assertEquals(new BtfType.Enum64(e64, "e64", 8, false, List.of(new BtfType.EnumValue("BIG", (2L << 32) | 1))),
                btf.type(e64));
        assertEquals(st, btf.resolve(cst).id(), "const -> volatile -> typedef -> struct");
        assertEquals(st, btf.composite("s").orElseThrow().id());
    }

    @Test
    void unsignedEnumValuesAreNotSignExtended() {
        BtfBuilder b = new BtfBuilder();
        b.type("e", BtfKind.ENUM, 1, false, 4, b.str("TOP"), -2);
        BtfType.Enum e = (BtfType.Enum) Btf.parse(b.build()).type(1);
        assertEquals(4294967294L, e.values().get(0).value());
    }

    @Test
    void rejectsStringOffsetOutsideTheStringSection() {
        BtfBuilder b = new BtfBuilder();
        b.intType("int", 4, 1);
        b.type(5000, BtfKind.TYPEDEF, 0, false, 1);
        assertMessage(b.build(), "type [2] refers to string offset 5000, outside the string section");
    }

    @Test
    void rejectsTypeIdOutOfRange() {
        BtfBuilder b = new BtfBuilder();
        b.intType("int", 4, 1);
        b.type("s", BtfKind.STRUCT, 1, false, 4, b.str("m"), 42, 0);
        assertMessage(b.build(), "type [2] STRUCT 's' refers to type id 42, but the largest type id is 2");
    }

    @Test
    void rejectsTypesThatContainThemselves() {
        BtfBuilder b = new BtfBuilder();
        b.intType("int", 4, 1);
        b.type("s", BtfKind.STRUCT, 2, false, 8, b.str("a"), 1, 0, b.str("self"), 3, 32);
        b.type("t", BtfKind.TYPEDEF, 0, false, 4);
        b.type(0, BtfKind.ARRAY, 0, false, 0, 2, 1, 1);
        assertMessage(b.build(), "contains itself by value");
        BtfBuilder p = new BtfBuilder();
        p.type("node", BtfKind.STRUCT, 1, false, 8, p.str("next"), 2, 0);
        p.ptr(1);
        org.junit.jupiter.api.Assertions.assertEquals(3, Btf.parse(p.build()).size(), "a pointer to itself is fine");
    }

    @Test
    void rejectsUnknownKind() {
        BtfBuilder b = new BtfBuilder();
        b.type(0, 25, 0, false, 0);
        assertMessage(b.build(), "type [1] has unknown BTF kind 25");
    }

    @Test
    void rejectsTypeRunningPastTheTypeSection() {
        BtfBuilder b = new BtfBuilder();
        b.type("s", BtfKind.STRUCT, 3, false, 4, b.str("m"), 0, 0);
        assertMessage(b.build(), "truncated BTF: type [1] member runs past the end of the type section");
    }

    @Test
    void rejectsTruncatedSectionsAndHeaders() {
        BtfBuilder b = new BtfBuilder();
        b.intType("int", 4, 1);
        assertMessage(b.build(10), "truncated BTF: string section");
        assertMessage(new byte[] {(byte) 0x9f, (byte) 0xeb, 1, 0, 24, 0}, "truncated BTF");
        byte[] whole = b.build();
        assertMessage(java.util.Arrays.copyOf(whole, 20), "truncated BTF header");
        assertMessage(java.util.Arrays.copyOf(whole, 30), "truncated BTF: type section");
    }

    @Test
    void rejectsWrongMagicAndBigEndian() {
        assertMessage(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, "not BTF data (magic 0x0201");
        assertMessage(new byte[] {(byte) 0xeb, (byte) 0x9f, 1, 0, 0, 0, 0, 24}, "big-endian BTF");
    }

    private static void assertMessage(byte[] btf, String expected) {
        BtfFormatException e = assertThrows(BtfFormatException.class, () -> Btf.parse(btf));
        assertTrue(e.getMessage().contains(expected), "message \"" + e.getMessage() + "\" lacks \"" + expected + "\"");
    }
}
