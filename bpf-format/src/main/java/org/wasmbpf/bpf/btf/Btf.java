package org.wasmbpf.bpf.btf;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A decoded BTF type table; index = type id, id 0 is void. */
public final class Btf {
    private final List<BtfType> types;
    private final BtfStrings strings;
    private Map<String, BtfType.Composite> compositesByName;

    Btf(List<BtfType> types, BtfStrings strings) {
        this.types = Collections.unmodifiableList(types);
        this.strings = strings;
    }

    public static Btf parse(byte[] data) {
        return BtfParser.parse(data);
    }

    /**
     * The string at this offset of the string section: for what refers to BTF strings from
     * outside the type table, such as .BTF.ext's CO-RE access strings.
     */
    public String string(int offset) {
        return strings.at(offset, 0);
    }

    /** All types including void at index 0. */
    public List<BtfType> types() {
        return types;
    }

    /** Number of types including void. */
    public int size() {
        return types.size();
    }

    public BtfType type(int id) {
        if (id < 0 || id >= types.size()) {
            throw new BtfFormatException("type id " + id + " is out of range (" + types.size() + " types)");
        }
        return types.get(id);
    }

    /** Skips typedefs, qualifiers and type tags; stops at anything else (pointers included). */
    public BtfType resolve(int id) {
        BtfType t = type(id);
        int guard = 0;
        while (t instanceof BtfType.Alias a) {
            if (++guard > types.size()) {
                throw new BtfFormatException("type [" + id + "] is part of a typedef/qualifier cycle");
            }
            t = type(a.type());
        }
        return t;
    }

    /** Like {@link #resolve} but keeps typedefs, dropping only const/volatile/restrict/type tags. */
    public BtfType stripQualifiers(int id) {
        BtfType t = type(id);
        int guard = 0;
        while (t instanceof BtfType.Alias a && !(t instanceof BtfType.Typedef)) {
            if (++guard > types.size()) {
                throw new BtfFormatException("type [" + id + "] is part of a qualifier cycle");
            }
            t = type(a.type());
        }
        return t;
    }

    /** The first named struct or union with this name (struct preferred over union). */
    public Optional<BtfType.Composite> composite(String name) {
        if (compositesByName == null) {
            Map<String, BtfType.Composite> m = new HashMap<>();
            for (BtfType t : types) {
                if (t instanceof BtfType.Composite c && !c.name().isEmpty()) {
                    BtfType.Composite old = m.get(c.name());
                    if (old == null || (old instanceof BtfType.Union && c instanceof BtfType.Struct)) {
                        m.put(c.name(), c);
                    }
                }
            }
            compositesByName = m;
        }
        return Optional.ofNullable(compositesByName.get(name));
    }

    public Optional<BtfType.DataSec> dataSection(String name) {
        return types.stream().filter(t -> t instanceof BtfType.DataSec && t.name().equals(name))
                .map(t -> (BtfType.DataSec) t).findFirst();
    }
}
