package org.wasmbpf.host.runner;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Collectors;
import org.wasmbpf.bpf.btf.Btf;
import org.wasmbpf.bpf.btf.BtfType;

/**
 * One {@code const volatile} global of the object's .rodata, settable as {@code --NAME VALUE}
 * before load: an integer, bool, enum or char array. {@link #encode} turns the text into the
 * bytes the global holds, or says in one line why it cannot.
 */
public record GlobalFlag(String name, String cType, Kind kind, long offset, int size, BtfType.Enumeration enumeration) {

    public enum Kind { BOOL, SIGNED, UNSIGNED, ENUM, CHARS }

    /** The flag for a global of this type, or null for types no text can set (structs, pointers...). */
    static GlobalFlag of(Btf btf, String name, int typeId, long offset, long size) {
        BtfType t = btf.resolve(typeId);
        int bytes = (int) size;
        BtfType named = btf.stripQualifiers(typeId);
        String cType = !named.name().isEmpty() ? named.name()
                : t instanceof BtfType.Array a ? btf.resolve(a.elementType()).name() + "[" + a.count() + "]" : "";
        if (t instanceof BtfType.Int i && (bytes == 1 || bytes == 2 || bytes == 4 || bytes == 8) && i.bits() == bytes * 8) {
            Kind kind = i.isBool() ? Kind.BOOL : i.signed() ? Kind.SIGNED : Kind.UNSIGNED;
            return new GlobalFlag(name, cType, kind, offset, bytes, null);
        }
        if (t instanceof BtfType.Enumeration e && (bytes == 4 || bytes == 8)) {
            return new GlobalFlag(name, (e.name().isEmpty() ? "enum" : "enum " + e.name()), Kind.ENUM, offset, bytes, e);
        }
        if (t instanceof BtfType.Array a && btf.resolve(a.elementType()) instanceof BtfType.Int c && c.size() == 1
                && a.count() > 1) {
            return new GlobalFlag(name, cType, Kind.CHARS, offset, bytes, null);
        }
        return null;
    }

    public boolean isBool() {
        return kind == Kind.BOOL;
    }

    /** How the BPF source declares it, for --help: {@code const volatile __u64 min_duration_ns}. */
    public String declaration() {
        return "const volatile " + cType + " " + name;
    }

    /** The option's parameter label in --help: U64, S32, BOOL, STRING, or the enum's values. */
    public String label() {
        return switch (kind) {
            case BOOL -> "BOOL";
            case SIGNED -> "S" + size * 8;
            case UNSIGNED -> "U" + size * 8;
            case CHARS -> "STRING";
            case ENUM -> enumeration.values().stream().map(BtfType.EnumValue::name).collect(Collectors.joining("|"));
        };
    }

    /** The value these bytes of .rodata hold, as {@link #encode} would read it. */
    public String text(byte[] rodata) {
        ByteBuffer b = ByteBuffer.wrap(rodata).order(ByteOrder.LITTLE_ENDIAN);
        int at = (int) offset;
        if (kind == Kind.CHARS) {
            int end = at;
            while (end < at + size && rodata[end] != 0) {
                end++;
            }
            return new String(rodata, at, end - at, StandardCharsets.UTF_8);
        }
        long raw = switch (size) {
            case 1 -> b.get(at);
            case 2 -> b.getShort(at);
            case 4 -> b.getInt(at);
            default -> b.getLong(at);
        };
        switch (kind) {
            case BOOL:
                return Boolean.toString(raw != 0);
            case SIGNED:
                return Long.toString(raw);
            case ENUM:
                for (BtfType.EnumValue v : enumeration.values()) {
                    if (v.value() == (size == 4 ? (long) (int) raw : raw)) {
                        return v.name();
                    }
                }
                return Long.toString(raw);
            default:
                return size == 8 ? Long.toUnsignedString(raw) : Long.toString(raw & (-1L >>> (64 - size * 8)));
        }
    }

    /** Writes the value of {@code text} into {@code rodata}; throws with a one-line reason when it does not fit. */
    public void encode(String text, byte[] rodata) {
        ByteBuffer b = ByteBuffer.wrap(rodata).order(ByteOrder.LITTLE_ENDIAN);
        int at = (int) offset;
        if (kind == Kind.CHARS) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            if (utf8.length >= size) {
                throw invalid(text, "a string of at most " + (size - 1) + " bytes");
            }
            java.util.Arrays.fill(rodata, at, at + size, (byte) 0);
            System.arraycopy(utf8, 0, rodata, at, utf8.length);
            return;
        }
        long value = switch (kind) {
            case BOOL -> bool(text);
            case ENUM -> enumValue(text);
            default -> integer(text);
        };
        switch (size) {
            case 1 -> b.put(at, (byte) value);
            case 2 -> b.putShort(at, (short) value);
            case 4 -> b.putInt(at, (int) value);
            default -> b.putLong(at, value);
        }
    }

    private long bool(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on":
                return 1;
            case "false", "0", "no", "off":
                return 0;
            default:
                throw invalid(text, "true or false");
        }
    }

    private long enumValue(String text) {
        for (BtfType.EnumValue v : enumeration.values()) {
            if (v.name().equals(text)) {
                return v.value();
            }
        }
        try {
            return integerIn(text, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
        } catch (IllegalArgumentException e) {
            throw invalid(text, "one of " + label());
        }
    }

    private long integer(String text) {
        int bits = size * 8;
        BigInteger min = kind == Kind.SIGNED ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
        BigInteger max = kind == Kind.SIGNED ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        try {
            return integerIn(text, min, max);
        } catch (IllegalArgumentException e) {
            throw invalid(text, (kind == Kind.SIGNED ? "a signed " : "an unsigned ") + bits + "-bit integer (" + min
                    + ".." + max + ")");
        }
    }

    /** Decimal, or hex after 0x; IllegalArgumentException when not a number in [min, max]. */
    private static long integerIn(String text, BigInteger min, BigInteger max) {
        String t = text.trim();
        boolean negative = t.startsWith("-");
        String digits = negative || t.startsWith("+") ? t.substring(1) : t;
        boolean hex = digits.startsWith("0x") || digits.startsWith("0X");
        BigInteger v = new BigInteger(hex ? digits.substring(2) : digits, hex ? 16 : 10); // NumberFormatException is one
        v = negative ? v.negate() : v;
        if (digits.startsWith("-") || digits.startsWith("+") || v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new IllegalArgumentException("out of range");
        }
        return v.longValue();
    }

    private FlagValueException invalid(String text, String expected) {
        return new FlagValueException("--" + name + ": '" + text + "' is not " + expected);
    }
}
