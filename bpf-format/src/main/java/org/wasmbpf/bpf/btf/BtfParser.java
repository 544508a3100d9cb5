package org.wasmbpf.bpf.btf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes BTF: the .BTF section of an object or a raw file such as /sys/kernel/btf/vmlinux.
 * Layout per the kernel's Documentation/bpf/btf.rst. References between types are checked
 * once all types are read, since BTF allows forward references.
 */
public final class BtfParser {
    private static final int MAGIC = 0xEB9F;
    private static final int MIN_HEADER = 24;

    private final ByteBuffer buf;
    private final BtfStrings strings;
    private final int typeEnd;
    private int pos;
    private final List<BtfType> types = new ArrayList<>();

    private BtfParser(ByteBuffer buf, BtfStrings strings, int typeStart, int typeEnd) {
        this.buf = buf;
        this.strings = strings;
        this.pos = typeStart;
        this.typeEnd = typeEnd;
    }

    public static Btf parse(byte[] data) {
        if (data.length < 8) {
            throw new BtfFormatException("truncated BTF: " + data.length + " bytes, the header alone needs " + MIN_HEADER);
        }
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int magic = Short.toUnsignedInt(buf.getShort(0));
        if (magic != MAGIC) {
            throw new BtfFormatException(magic == 0x9FEB ? "big-endian BTF is not supported"
                    : String.format("not BTF data (magic 0x%04x, expected 0x%04x)", magic, MAGIC));
        }
        int version = Byte.toUnsignedInt(buf.get(2));
        if (version != 1) {
            throw new BtfFormatException("unsupported BTF version " + version);
        }
        long hdrLen = Integer.toUnsignedLong(buf.getInt(4));
        if (hdrLen < MIN_HEADER || data.length < MIN_HEADER || hdrLen > data.length) {
            throw new BtfFormatException("truncated BTF header (" + data.length + " bytes, header length " + hdrLen + ")");
        }
        long typeOff = Integer.toUnsignedLong(buf.getInt(8));
        long typeLen = Integer.toUnsignedLong(buf.getInt(12));
        long strOff = Integer.toUnsignedLong(buf.getInt(16));
        long strLen = Integer.toUnsignedLong(buf.getInt(20));
        long body = data.length - hdrLen;
        if (typeOff + typeLen > body) {
            throw new BtfFormatException("truncated BTF: type section [" + typeOff + ", " + (typeOff + typeLen)
                    + ") extends past the data (" + body + " bytes after the header)");
        }
        if (strOff + strLen > body) {
            throw new BtfFormatException("truncated BTF: string section [" + strOff + ", " + (strOff + strLen)
                    + ") extends past the data (" + body + " bytes after the header)");
        }
        BtfStrings strings = new BtfStrings(data, (int) (hdrLen + strOff), (int) strLen);
        int typeStart = (int) (hdrLen + typeOff);
        BtfParser parser = new BtfParser(buf, strings, typeStart, (int) (typeStart + typeLen));
        parser.readTypes();
        Btf btf = new Btf(parser.types, strings);
        BtfReferenceCheck.check(btf);
        return btf;
    }

    private void readTypes() {
        types.add(new BtfType.Void());
        while (pos < typeEnd) {
            types.add(readType(types.size()));
        }
    }

    private int u32(String what, int id) {
        if (pos + 4 > typeEnd) {
            throw new BtfFormatException("truncated BTF: type [" + id + "] " + what + " runs past the end of the type section");
        }
        int v = buf.getInt(pos);
        pos += 4;
        return v;
    }

    private String str(int off, int id) {
        return strings.at(off, id);
    }

    private BtfType readType(int id) {
        int nameOff = u32("header", id);
        int info = u32("header", id);
        int sizeOrType = u32("header", id);
        int vlen = info & 0xffff;
        int kind = (info >>> 24) & 0x1f;
        boolean kindFlag = (info >>> 31) != 0;
        String name = str(nameOff, id);
        switch (kind) {
            case BtfKind.INT: {
                int enc = u32("INT encoding", id);
                return new BtfType.Int(id, name, sizeOrType, (enc >>> 24) & 0x0f, (enc >>> 16) & 0xff, enc & 0xff);
            }
            case BtfKind.PTR:
                return new BtfType.Ptr(id, sizeOrType);
            case BtfKind.ARRAY:
                return new BtfType.Array(id, u32("ARRAY", id), u32("ARRAY", id), u32("ARRAY", id));
            case BtfKind.STRUCT:
            case BtfKind.UNION: {
                List<BtfType.Member> members = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++) {
                    String mname = str(u32("member", id), id);
                    int mtype = u32("member", id);
                    int off = u32("member", id);
                    // kind_flag: the high 8 bits of offset hold the bitfield size, the rest the bit offset.
                    members.add(kindFlag ? new BtfType.Member(mname, mtype, off & 0xffffff, off >>> 24)
                            : new BtfType.Member(mname, mtype, off, 0));
                }
                List<BtfType.Member> ms = List.copyOf(members);
                return kind == BtfKind.STRUCT ? new BtfType.Struct(id, name, sizeOrType, ms)
                        : new BtfType.Union(id, name, sizeOrType, ms);
            }
            case BtfKind.ENUM: {
                List<BtfType.EnumValue> values = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++) {
                    String vname = str(u32("enumerator", id), id);
                    int v = u32("enumerator", id);
                    values.add(new BtfType.EnumValue(vname, kindFlag ? v : Integer.toUnsignedLong(v)));
                }
                return new BtfType.Enum(id, name, sizeOrType, kindFlag, List.copyOf(values));
            }
            case BtfKind.ENUM64: {
                List<BtfType.EnumValue> values = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++) {
                    String vname = str(u32("enumerator", id), id);
                    long lo = Integer.toUnsignedLong(u32("enumerator", id));
                    long hi = u32("enumerator", id);
                    values.add(new BtfType.EnumValue(vname, (hi << 32) | lo));
                }
                return new BtfType.Enum64(id, name, sizeOrType, kindFlag, List.copyOf(values));
            }
            case BtfKind.FWD:
                return new BtfType.Fwd(id, name, kindFlag);
            case BtfKind.TYPEDEF:
                return new BtfType.Typedef(id, name, sizeOrType);
            case BtfKind.VOLATILE:
                return new BtfType.Volatile(id, sizeOrType);
            case BtfKind.CONST:
                return new BtfType.Const(id, sizeOrType);
            case BtfKind.RESTRICT:
                return new BtfType.Restrict(id, sizeOrType);
            case BtfKind.FUNC:
                return new BtfType.Func(id, name, sizeOrType, vlen);
            case BtfKind.FUNC_PROTO: {
                List<BtfType.Param> params = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++) {
                    params.add(new BtfType.Param(str(u32("parameter", id), id), u32("parameter", id)));
                }
                return new BtfType.FuncProto(id, sizeOrType, List.copyOf(params));
            }
            case BtfKind.VAR:
                return new BtfType.Var(id, name, sizeOrType, u32("VAR linkage", id));
            case BtfKind.DATASEC: {
                List<BtfType.VarSecInfo> vars = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++) {
                    vars.add(new BtfType.VarSecInfo(u32("DATASEC entry", id), u32("DATASEC entry", id),
                            u32("DATASEC entry", id)));
                }
                return new BtfType.DataSec(id, name, sizeOrType, List.copyOf(vars));
            }
            case BtfKind.FLOAT:
                return new BtfType.Float(id, name, sizeOrType);
            case BtfKind.DECL_TAG:
                return new BtfType.DeclTag(id, name, sizeOrType, u32("DECL_TAG", id));
            case BtfKind.TYPE_TAG:
                return new BtfType.TypeTag(id, name, sizeOrType);
            default:
                throw new BtfFormatException("type [" + id + "] has unknown BTF kind " + kind);
        }
    }
}
