package org.wasmbpf.host.runner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.wasmbpf.bpf.BadInputException;
import org.wasmbpf.bpf.btf.Btf;
import org.wasmbpf.bpf.btf.BtfType;
import org.wasmbpf.bpf.elf.ElfSection;
import org.wasmbpf.bpf.object.BpfObject;
import org.wasmbpf.bpf.object.GlobalVar;
import org.wasmbpf.bpf.object.MapInfo;

/**
 * What the runner reads from a .bpf.o before loading it: its settable globals, the type of the
 * samples its buffers carry, and which maps it reports. Bad input throws
 * {@link ObjectFileException} with one line naming the cause.
 */
public final class ObjectFile {
    public static final int BPF_MAP_TYPE_HASH = 1;
    public static final int BPF_MAP_TYPE_PERF_EVENT_ARRAY = 4;
    public static final int BPF_MAP_TYPE_LRU_HASH = 9;
    public static final int BPF_MAP_TYPE_RINGBUF = 27;

    private final String fileName;
    private final byte[] bytes;
    private final BpfObject object;
    private final List<GlobalFlag> flags;

    private ObjectFile(String fileName, byte[] bytes, BpfObject object) {
        this.fileName = fileName;
        this.bytes = bytes;
        this.object = object;
        this.flags = readFlags();
    }

    /** Whether these bytes are an ELF file at all (a .bpf.o, as opposed to a Wasm module). */
    public static boolean isElf(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 0x7f && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F';
    }

    public static ObjectFile parse(String fileName, byte[] bytes) {
        BpfObject object;
        try {
            object = BpfObject.parse(fileName, bytes);
        } catch (BadInputException e) {
            throw new ObjectFileException(e.getMessage());
        } catch (RuntimeException e) {
            throw new ObjectFileException("not a valid BPF object: " + e.getMessage());
        }
        if (object.programs().isEmpty()) {
            throw new ObjectFileException("has no BPF programs (no executable section other than .text)");
        }
        return new ObjectFile(fileName, bytes, object);
    }

    public String fileName() {
        return fileName;
    }

    /** The object's name for libbpf: the file name without its extensions. */
    public String objectName() {
        return org.wasmbpf.host.libbpf.BpfObject.nameForFile(fileName, fileName);
    }

    Btf btf() {
        return object.btf();
    }

    public List<GlobalFlag> flags() {
        return flags;
    }

    public List<String> programNames() {
        return object.programs().stream().map(p -> p.name()).toList();
    }

    List<MapInfo> maps() {
        return object.maps();
    }

    /** A copy of the object's bytes with the flags' values written into its .rodata. */
    public byte[] withFlags(java.util.Map<String, String> values) {
        byte[] copy = bytes.clone();
        if (values.isEmpty()) {
            return copy;
        }
        ElfSection rodata = object.rodataSection().orElseThrow();
        byte[] section = rodata(values);
        System.arraycopy(section, 0, copy, (int) rodata.offset(), section.length);
        return copy;
    }

    /** The .rodata bytes as compiled: the flags' defaults. */
    public byte[] rodata() {
        return object.rodataSection().map(s -> object.elf().data(s)).orElse(new byte[0]);
    }

    /** The .rodata bytes with these flag values written in. */
    public byte[] rodata(java.util.Map<String, String> values) {
        byte[] section = rodata();
        for (GlobalFlag f : flags) {
            String v = values.get(f.name());
            if (v != null) {
                f.encode(v, section);
            }
        }
        return section;
    }

    /**
     * The struct a buffer map's samples are: the map's {@code __type(value, struct X)} if it has
     * one, else the struct of the object's global pointer variable (the convention of eunomia-bpf:
     * {@code const struct event *unused __attribute__((unused));}, which also puts the struct into
     * BTF when the code only points to it). With several such globals the first declared wins.
     */
    Optional<BtfType.Composite> sampleType(MapInfo map) {
        if (map.valueType() != 0 && btf().resolve(map.valueType()) instanceof BtfType.Composite c) {
            return Optional.of(c);
        }
        Btf btf = btf();
        for (BtfType t : btf.types()) {
            if (t instanceof BtfType.DataSec sec && !sec.name().equals(".maps")) {
                for (BtfType.VarSecInfo v : sec.vars()) {
                    if (btf.type(v.type()) instanceof BtfType.Var var && btf.resolve(var.type()) instanceof BtfType.Ptr p
                            && btf.resolve(p.type()) instanceof BtfType.Composite c) {
                        return Optional.of(c);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private List<GlobalFlag> readFlags() {
        List<GlobalFlag> list = new ArrayList<>();
        for (GlobalVar v : object.rodataVars()) {
            GlobalFlag f = GlobalFlag.of(btf(), v.name(), v.typeId(), v.offset(), v.size());
            if (f != null) {
                list.add(f);
            }
        }
        return Collections.unmodifiableList(list);
    }
}
