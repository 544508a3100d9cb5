package org.wasmbpf.skeleton.java;

import org.wasmbpf.bpf.btf.BtfType;

/** How a scalar C type is read and written in a view: its Java type and StructView primitives. */
enum Scalar {
    BOOL("boolean", "bool", "putI8", "", "value ? 1 : 0"),
    I8("byte", "i8", "putI8", "", "value"),
    U8("int", "u8", "putI8", "", "value"),
    I16("short", "i16", "putI16", "", "value"),
    U16("int", "u16", "putI16", "", "value"),
    I32("int", "i32", "putI32", "", "value"),
    U32("long", "u32", "putI32", "", "(int) value"),
    I64("long", "i64", "putI64", "", "value"),
    U64("long", "i64", "putI64", " (unsigned: compare and print with Long's *Unsigned methods)", "value"),
    POINTER("long", "i64", "putI64", " (a 64-bit pointer on the BPF side)", "value"),
    F32("float", "f32", "putI32", "", "Float.floatToRawIntBits(value)"),
    F64("double", "f64", "putI64", "", "Double.doubleToRawLongBits(value)");

    final String javaType;
    private final String reader;
    private final String writer;
    private final String note;
    private final String stored;

    Scalar(String javaType, String reader, String writer, String note, String stored) {
        this.javaType = javaType;
        this.reader = reader;
        this.writer = writer;
        this.note = note;
        this.stored = stored;
    }

    String read(String offset) {
        return reader + "(" + offset + ")";
    }

    String write(String offset) {
        return writer + "(" + offset + ", " + stored + ")";
    }

    String note() {
        return note;
    }

    int size() {
        return switch (this) {
            case BOOL, I8, U8 -> 1;
            case I16, U16 -> 2;
            case I32, U32, F32 -> 4;
            default -> 8;
        };
    }

    /** The scalar for a resolved type, or null when it has none (structs, arrays, 128-bit ints). */
    static Scalar of(BtfType t) {
        if (t instanceof BtfType.Int i) {
            if (i.isBool()) {
                return BOOL;
            }
            return integer(i.size(), i.signed() || i.name().equals("char"));
        }
        if (t instanceof BtfType.Ptr) {
            return POINTER;
        }
        if (t instanceof BtfType.Enumeration e) {
            // enums are ints: a 4-byte enum reads as int whatever its signedness
            return e.size() == 4 ? I32 : integer(e.size(), e.signed());
        }
        if (t instanceof BtfType.Float f) {
            return f.size() == 4 ? F32 : f.size() == 8 ? F64 : null;
        }
        return null;
    }

    private static Scalar integer(int size, boolean signed) {
        return switch (size) {
            case 1 -> signed ? I8 : U8;
            case 2 -> signed ? I16 : U16;
            case 4 -> signed ? I32 : U32;
            case 8 -> signed ? I64 : U64;
            default -> null;
        };
    }
}
