package org.wasmbpf.guest;

import org.teavm.interop.Address;

/**
 * Reads (and writes) the fields of a C struct where it lies, at offsets from the BPF object's BTF:
 * in a sample the host copied into module memory, or in a byte array (a map value, the object's
 * {@code .rodata}). Views are reusable: point one at the next sample with {@link #at(Address)}
 * instead of allocating a new one per event. Little-endian, as Wasm and the BPF targets we run on.
 *
 * <p>A view at an {@link Address} is valid while that memory holds the struct: during a
 * {@link BpfBuffer} callback for a sample. A view on an array re-takes the array's address on
 * every read, so the collector may move the array between reads.
 */
public abstract class StructView {
    private Address base;
    private byte[] array;
    private int offset;

    /** The struct's size in bytes, as BTF gives it. */
    public abstract int size();

    /** Points this view at a struct in module memory (e.g. a sample). */
    public StructView at(Address address) {
        this.base = address;
        this.array = null;
        this.offset = 0;
        return this;
    }

    /** Points this view at a struct inside a byte array, from {@code offset}. */
    public StructView on(byte[] bytes, int offset) {
        if (offset < 0 || offset > bytes.length - size()) {
            throw new IllegalArgumentException("a struct of " + size() + " bytes at offset "
                    + offset + " does not fit in " + bytes.length + " bytes");
        }
        this.base = null;
        this.array = bytes;
        this.offset = offset;
        return this;
    }

    /**
     * Points {@code view} at the struct that lies at {@code fieldOffset} inside this one (a nested
     * struct member, an element of an array of structs), in the same memory: nothing is copied.
     */
    protected final <V extends StructView> V nested(V view, int fieldOffset) {
        if (array != null) {
            view.on(array, offset + fieldOffset);
        } else {
            view.at(base.add(fieldOffset));
        }
        return view;
    }

    /** {@code index} if it is in [0, length), else an exception naming both. */
    protected static int checkIndex(int index, int length) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " out of bounds for length " + length);
        }
        return index;
    }

    /**
     * A bitfield of {@code bitSize} bits at {@code bitOffset} from the struct's start, as BTF
     * places it (little-endian: bit 0 is the lowest bit of byte 0), sign-extended when signed.
     */
    protected final long bits(long bitOffset, int bitSize, boolean signed) {
        long value = 0;
        for (int k = 0; k < bitSize; k++) {
            long bit = bitOffset + k;
            value |= (long) (field((int) (bit >>> 3)).getByte() >> (int) (bit & 7) & 1) << k;
        }
        if (signed && bitSize < 64 && (value >>> (bitSize - 1) & 1) != 0) {
            value |= -1L << bitSize;
        }
        return value;
    }

    protected final float f32(int fieldOffset) {
        return Float.intBitsToFloat(field(fieldOffset).getInt());
    }

    protected final double f64(int fieldOffset) {
        return Double.longBitsToDouble(field(fieldOffset).getLong());
    }

    /** The address of the field at {@code fieldOffset}; valid until the next allocation. */
    protected final Address field(int fieldOffset) {
        return array != null ? Address.ofData(array).add(offset + fieldOffset) : base.add(fieldOffset);
    }

    protected final int u8(int fieldOffset) {
        return field(fieldOffset).getByte() & 0xFF;
    }

    protected final byte i8(int fieldOffset) {
        return field(fieldOffset).getByte();
    }

    protected final boolean bool(int fieldOffset) {
        return field(fieldOffset).getByte() != 0;
    }

    protected final int u16(int fieldOffset) {
        return field(fieldOffset).getShort() & 0xFFFF;
    }

    protected final short i16(int fieldOffset) {
        return field(fieldOffset).getShort();
    }

    protected final int i32(int fieldOffset) {
        return field(fieldOffset).getInt();
    }

    /** An unsigned 32-bit field, widened so it prints and compares as unsigned. */
    protected final long u32(int fieldOffset) {
        return field(fieldOffset).getInt() & 0xFFFFFFFFL;
    }

    /** A 64-bit field; for an unsigned one use the {@code Long.*Unsigned*} methods on it. */
    protected final long i64(int fieldOffset) {
        return field(fieldOffset).getLong();
    }

    protected final void putI8(int fieldOffset, int value) {
        field(fieldOffset).putByte((byte) value);
    }

    protected final void putI16(int fieldOffset, int value) {
        field(fieldOffset).putShort((short) value);
    }

    protected final void putI32(int fieldOffset, int value) {
        field(fieldOffset).putInt(value);
    }

    protected final void putI64(int fieldOffset, long value) {
        field(fieldOffset).putLong(value);
    }

    /**
     * A {@code char[capacity]} field as a String: the bytes up to the first NUL (or all of them),
     * decoded as UTF-8 (an invalid sequence becomes U+FFFD).
     */
    protected final String string(int fieldOffset, int capacity) {
        int length = 0;
        Address start = field(fieldOffset);
        while (length < capacity && start.add(length).getByte() != 0) {
            length++;
        }
        char[] chars = new char[length];
        // The allocation may have moved an array-backed struct: read through a fresh address.
        return Utf8.decode(field(fieldOffset), length, chars);
    }
}
