package org.wasmbpf.bpf.btf;

import java.util.List;

/**
 * One BTF type. Type references are kept as ids (resolved through {@link Btf#type(int)}), since
 * BTF graphs are cyclic (a struct holding a pointer to itself).
 */
public sealed interface BtfType {
    int id();

    /** The type's name, "" when anonymous or when the kind has none. */
    String name();

    int kind();

    /** Types whose only content is a reference to another type: typedef, qualifiers, type tags. */
    sealed interface Alias extends BtfType permits Typedef, Volatile, Const, Restrict, TypeTag {
        int type();
    }

    /** Struct or union. */
    sealed interface Composite extends BtfType {
        int size();

        List<Member> members();
    }

    /** 32- or 64-bit enum. */
    sealed interface Enumeration extends BtfType {
        int size();

        boolean signed();

        List<EnumValue> values();
    }

    /** Type id 0: void, or "no type". */
    record Void() implements BtfType {
        public int id() { return 0; }
        public String name() { return "void"; }
        public int kind() { return 0; }
    }

    record Int(int id, String name, int size, int encoding, int bitOffset, int bits) implements BtfType {
        public static final int SIGNED = 1;
        public static final int CHAR = 2;
        public static final int BOOL = 4;
        public int kind() { return BtfKind.INT; }
        public boolean signed() { return (encoding & SIGNED) != 0; }
        public boolean isChar() { return (encoding & CHAR) != 0; }
        public boolean isBool() { return (encoding & BOOL) != 0; }
    }

    record Ptr(int id, int type) implements BtfType {
        public String name() { return ""; }
        public int kind() { return BtfKind.PTR; }
    }

    record Array(int id, int elementType, int indexType, int count) implements BtfType {
        public String name() { return ""; }
        public int kind() { return BtfKind.ARRAY; }
    }

    /** A member; {@code bitfieldSize} is 0 for a plain member. */
    record Member(String name, int type, int bitOffset, int bitfieldSize) {
        public boolean isBitfield() { return bitfieldSize != 0; }
    }

    record Struct(int id, String name, int size, List<Member> members) implements Composite {
        public int kind() { return BtfKind.STRUCT; }
    }

    record Union(int id, String name, int size, List<Member> members) implements Composite {
        public int kind() { return BtfKind.UNION; }
    }

    record EnumValue(String name, long value) {
    }

    record Enum(int id, String name, int size, boolean signed, List<EnumValue> values) implements Enumeration {
        public int kind() { return BtfKind.ENUM; }
    }

    record Enum64(int id, String name, int size, boolean signed, List<EnumValue> values) implements Enumeration {
        public int kind() { return BtfKind.ENUM64; }
    }

    record Fwd(int id, String name, boolean union) implements BtfType {
        public int kind() { return BtfKind.FWD; }
    }

    record Typedef(int id, String name, int type) implements Alias {
        public int kind() { return BtfKind.TYPEDEF; }
    }

    record Volatile(int id, int type) implements Alias {
        public String name() { return ""; }
        public int kind() { return BtfKind.VOLATILE; }
    }

    record Const(int id, int type) implements Alias {
        public String name() { return ""; }
        public int kind() { return BtfKind.CONST; }
    }

    record Restrict(int id, int type) implements Alias {
        public String name() { return ""; }
        public int kind() { return BtfKind.RESTRICT; }
    }

    record TypeTag(int id, String name, int type) implements Alias {
        public int kind() { return BtfKind.TYPE_TAG; }
    }

    record Func(int id, String name, int type, int linkage) implements BtfType {
        public int kind() { return BtfKind.FUNC; }
    }

    record Param(String name, int type) {
    }

    record FuncProto(int id, int returnType, List<Param> params) implements BtfType {
        public String name() { return ""; }
        public int kind() { return BtfKind.FUNC_PROTO; }
    }

    record Var(int id, String name, int type, int linkage) implements BtfType {
        public static final int STATIC = 0;
        public static final int GLOBAL_ALLOCATED = 1;
        public static final int GLOBAL_EXTERN = 2;
        public int kind() { return BtfKind.VAR; }
    }

    /** A variable's place inside a data section. */
    record VarSecInfo(int type, int offset, int size) {
    }

    record DataSec(int id, String name, int size, List<VarSecInfo> vars) implements BtfType {
        public int kind() { return BtfKind.DATASEC; }
    }

    record Float(int id, String name, int size) implements BtfType {
        public int kind() { return BtfKind.FLOAT; }
    }

    /** {@code componentIdx} is -1 when the tag applies to the type itself, else a member/param index. */
    record DeclTag(int id, String name, int type, int componentIdx) implements BtfType {
        public int kind() { return BtfKind.DECL_TAG; }
    }
}
