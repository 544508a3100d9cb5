package org.wasmbpf.bpf.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.wasmbpf.bpf.btf.Btf;
import org.wasmbpf.bpf.btf.BtfFormatException;

/**
 * Reads the CO-RE relocations of an object's .BTF.ext section. Layout per libbpf's
 * {@code struct btf_ext_header}: the core_relo part is optional (absent from headers of 24
 * bytes) and holds a record size, then per program section a name, a count and that many records.
 */
final class CoreRelocations {
    private static final int MAGIC = 0xEB9F;
    private static final int HEADER_WITH_CORE = 32;
    private static final int RECORD_FIELDS = 16;

    private CoreRelocations() {
    }

    /**
     * The relocations of a .BTF.ext section whose strings are {@code btf}'s; empty for an empty
     * section (the object has none) or one without a core_relo part.
     */
    static List<CoreRelocation> read(byte[] ext, Btf btf) {
        if (ext.length == 0) {
            return List.of();
        }
        ByteBuffer b = ByteBuffer.wrap(ext).order(ByteOrder.LITTLE_ENDIAN);
        if (ext.length < 8 || Short.toUnsignedInt(b.getShort(0)) != MAGIC) {
            throw new BtfFormatException(".BTF.ext: not BTF.ext data (bad magic)");
        }
        int hdrLen = b.getInt(4);
        if (hdrLen < HEADER_WITH_CORE) {
            return List.of();
        }
        if (hdrLen > ext.length) {
            throw new BtfFormatException(".BTF.ext: header length " + hdrLen + " runs past the section (" + ext.length + " bytes)");
        }
        long off = Integer.toUnsignedLong(b.getInt(24)) + hdrLen;
        long end = off + Integer.toUnsignedLong(b.getInt(28));
        if (end > ext.length) {
            throw new BtfFormatException(".BTF.ext: core_relo part [" + off + ", " + end + ") runs past the section ("
                    + ext.length + " bytes)");
        }
        List<CoreRelocation> out = new ArrayList<>();
        if (end == off) {
            return out;
        }
        int pos = (int) off;
        int recordSize = b.getInt(pos);
        if (recordSize < RECORD_FIELDS) {
            throw new BtfFormatException(".BTF.ext: core_relo record size " + recordSize + " < " + RECORD_FIELDS);
        }
        pos += 4;
        while (pos + 8 <= end) {
            String section = btf.string(b.getInt(pos));
            long count = Integer.toUnsignedLong(b.getInt(pos + 4));
            pos += 8;
            if (pos + count * recordSize > end) {
                throw new BtfFormatException(".BTF.ext: core_relo records of section '" + section + "' run past the part");
            }
            for (long i = 0; i < count; i++, pos += recordSize) {
                int typeId = b.getInt(pos + 4);
                String access = btf.string(b.getInt(pos + 8));
                out.add(new CoreRelocation(section, typeId, parseAccess(access, section), b.getInt(pos + 12)));
            }
        }
        return out;
    }

    private static List<Integer> parseAccess(String access, String section) {
        if (access.isEmpty()) {
            throw new BtfFormatException(".BTF.ext: empty CO-RE access string in section '" + section + "'");
        }
        String[] parts = access.split(":");
        List<Integer> out = new ArrayList<>(parts.length);
        for (String part : parts) {
            int index;
            try {
                index = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new BtfFormatException(".BTF.ext: CO-RE access string '" + access + "' in section '" + section
                        + "' is not colon-separated indices");
            }
            if (index < 0) {
                throw new BtfFormatException(".BTF.ext: negative index in CO-RE access string '" + access + "'");
            }
            out.add(index);
        }
        return List.copyOf(out);
    }
}
