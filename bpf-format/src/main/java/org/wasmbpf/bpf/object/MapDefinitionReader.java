package org.wasmbpf.bpf.object;

import java.util.ArrayList;
import java.util.List;
import org.wasmbpf.bpf.BadInputException;
import org.wasmbpf.bpf.btf.Btf;
import org.wasmbpf.bpf.btf.BtfType;
import org.wasmbpf.bpf.layout.LayoutModel;
import org.wasmbpf.bpf.layout.Target;

/**
 * Reads BTF-defined maps (the .maps DATASEC) the way libbpf does: {@code __uint(name, N)} is a
 * member {@code int (*name)[N]}, {@code __type(name, T)} is a member {@code T *name}.
 */
final class MapDefinitionReader {
    private final Btf btf;
    private final LayoutModel bpf;

    MapDefinitionReader(Btf btf) {
        this.btf = btf;
        this.bpf = new LayoutModel(btf, Target.BPF);
    }

    List<MapInfo> read() {
        List<MapInfo> maps = new ArrayList<>();
        BtfType.DataSec sec = btf.dataSection(".maps").orElse(null);
        if (sec == null) {
            return maps;
        }
        for (BtfType.VarSecInfo v : sec.vars()) {
            if (!(btf.type(v.type()) instanceof BtfType.Var var)) {
                throw new BadInputException(".maps DATASEC entry refers to type [" + v.type() + "], which is not a VAR");
            }
            maps.add(map(var));
        }
        return maps;
    }

    private MapInfo map(BtfType.Var var) {
        if (!(btf.resolve(var.type()) instanceof BtfType.Struct def)) {
            throw new BadInputException("map '" + var.name() + "': its definition is not a struct in BTF");
        }
        int type = 0;
        long maxEntries = 0;
        long keySize = 0;
        long valueSize = 0;
        int keyType = 0;
        int valueType = 0;
        for (BtfType.Member m : def.members()) {
            switch (m.name()) {
                case "type" -> type = (int) uintValue(var, m);
                case "max_entries" -> maxEntries = uintValue(var, m);
                case "key_size" -> keySize = uintValue(var, m);
                case "value_size" -> valueSize = uintValue(var, m);
                case "key" -> {
                    keyType = pointee(var, m);
                    keySize = bpf.sizeOf(keyType);
                }
                case "value" -> {
                    valueType = pointee(var, m);
                    valueSize = bpf.sizeOf(valueType);
                }
                default -> {
                    // map_flags, pinning, values (map-in-map) and others do not appear in the skeleton
                }
            }
        }
        return new MapInfo(var.name(), var.name(), type, maxEntries, keySize, valueSize, false, keyType, valueType);
    }

    private long uintValue(BtfType.Var var, BtfType.Member m) {
        if (btf.resolve(m.type()) instanceof BtfType.Ptr p && btf.resolve(p.type()) instanceof BtfType.Array a) {
            return Integer.toUnsignedLong(a.count());
        }
        throw new BadInputException("map '" + var.name() + "': member '" + m.name()
                + "' is not of the form __uint(" + m.name() + ", N)");
    }

    private int pointee(BtfType.Var var, BtfType.Member m) {
        if (btf.resolve(m.type()) instanceof BtfType.Ptr p) {
            return p.type();
        }
        throw new BadInputException("map '" + var.name() + "': member '" + m.name()
                + "' is not of the form __type(" + m.name() + ", T)");
    }
}
