package org.wasmbpf.host.runner;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wasmbpf.bpf.btf.Btf;
import org.wasmbpf.bpf.btf.BtfType;
import org.wasmbpf.bpf.layout.LayoutModel;
import org.wasmbpf.bpf.layout.Target;

/**
 * Decodes bytes the kernel wrote into Java values by their BTF type, as bcc-style tools show
 * them: integers as Long (BigInteger past Long.MAX_VALUE), char arrays as the string up to the
 * first NUL, other arrays as lists, bools as Boolean, enums by their name, structs and unions as
 * maps in member order, pointers as hex strings. The bytes are the BPF object's own layout,
 * which is the kernel's, so BTF's member offsets apply as they are.
 */
final class BtfValues {
    private final Btf btf;
    private final LayoutModel layout;

    BtfValues(Btf btf) {
        this.btf = btf;
        this.layout = new LayoutModel(btf, Target.BPF);
    }

    Btf btf() {
        return btf;
    }

    /** Bytes the type takes in the BPF object's layout. */
    long sizeOf(int typeId) {
        return layout.sizeOf(typeId);
    }

    /** The value of type {@code typeId} at {@code offset} of {@code data}. */
    Object decode(int typeId, ByteBuffer data, int offset) {
        BtfType t = btf.resolve(typeId);
        ByteBuffer ne = data.order(ByteOrder.nativeOrder());
        if (t instanceof BtfType.Int i) {
            return integer(ne, offset, i.size(), i.signed() && !i.isBool(), i.isBool());
        }
        if (t instanceof BtfType.Enumeration e) {
            return enumName(e, integer(ne, offset, e.size(), e.signed(), false));
        }
        if (t instanceof BtfType.Ptr) {
            return "0x" + Long.toHexString(ne.getLong(offset));
        }
        if (t instanceof BtfType.Float f) {
            return f.size() == 4 ? (Object) ne.getFloat(offset) : (Object) ne.getDouble(offset);
        }
        if (t instanceof BtfType.Array a) {
            return array(a, ne, offset);
        }
        if (t instanceof BtfType.Composite c) {
            return composite(c, ne, offset);
        }
        return "?";
    }

    /** The members of a struct or union at {@code offset}, by name, in order. */
    Map<String, Object> composite(BtfType.Composite c, ByteBuffer data, int offset) {
        Map<String, Object> fields = new LinkedHashMap<>();
        int anonymous = 0;
        for (BtfType.Member m : c.members()) {
            String name = m.name().isEmpty() ? "__anon" + anonymous++ : m.name();
            int at = offset + m.bitOffset() / 8;
            fields.put(name, m.isBitfield() ? bitfield(m, data, offset) : decode(m.type(), data, at));
        }
        return fields;
    }

    /** Whether a type is an array of chars, shown as a string. */
    boolean isCharArray(int typeId) {
        return btf.resolve(typeId) instanceof BtfType.Array a && btf.resolve(a.elementType()) instanceof BtfType.Int i
                && i.size() == 1 && (i.isChar() || i.name().equals("char"));
    }

    private Object array(BtfType.Array a, ByteBuffer data, int offset) {
        if (isCharArray(a.id())) {
            int end = offset;
            int limit = offset + a.count();
            while (end < limit && data.get(end) != 0) {
                end++;
            }
            byte[] bytes = new byte[end - offset];
            data.get(offset, bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
        int elementSize = (int) sizeOf(a.elementType());
        List<Object> items = new ArrayList<>(a.count());
        for (int i = 0; i < a.count(); i++) {
            items.add(decode(a.elementType(), data, offset + i * elementSize));
        }
        return items;
    }

    private Object bitfield(BtfType.Member m, ByteBuffer data, int structOffset) {
        int firstByte = m.bitOffset() / 8;
        long bits = 0;
        int bytes = (m.bitOffset() % 8 + m.bitfieldSize() + 7) / 8;
        for (int i = bytes - 1; i >= 0; i--) {
            bits = bits << 8 | (data.get(structOffset + firstByte + i) & 0xff);
        }
        long value = bits >>> (m.bitOffset() % 8) & (m.bitfieldSize() == 64 ? -1L : (1L << m.bitfieldSize()) - 1);
        boolean signed = btf.resolve(m.type()) instanceof BtfType.Int i && i.signed();
        if (signed && m.bitfieldSize() < 64 && (value >>> (m.bitfieldSize() - 1) & 1) != 0) {
            value |= -1L << m.bitfieldSize();
        }
        return value;
    }

    private static Object integer(ByteBuffer le, int offset, int size, boolean signed, boolean bool) {
        long v = switch (size) {
            case 1 -> signed ? le.get(offset) : le.get(offset) & 0xffL;
            case 2 -> signed ? le.getShort(offset) : le.getShort(offset) & 0xffffL;
            case 4 -> signed ? le.getInt(offset) : le.getInt(offset) & 0xffffffffL;
            case 8 -> le.getLong(offset);
            default -> 0; // __int128 and the like: not shown
        };
        if (bool) {
            return v != 0;
        }
        if (size == 8 && !signed && v < 0) {
            return new BigInteger(Long.toUnsignedString(v));
        }
        return v;
    }

    private static Object enumName(BtfType.Enumeration e, Object raw) {
        long v = raw instanceof BigInteger b ? b.longValue() : (Long) raw;
        for (BtfType.EnumValue ev : e.values()) {
            if (ev.value() == v) {
                return ev.name();
            }
        }
        return raw;
    }
}
