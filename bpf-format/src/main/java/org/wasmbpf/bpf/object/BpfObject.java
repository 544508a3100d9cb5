package org.wasmbpf.bpf.object;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.wasmbpf.bpf.BadInputException;
import org.wasmbpf.bpf.btf.Btf;
import org.wasmbpf.bpf.btf.BtfType;
import org.wasmbpf.bpf.elf.ElfFile;
import org.wasmbpf.bpf.elf.ElfSection;
import org.wasmbpf.bpf.elf.ElfSymbol;

/**
 * A BPF object file as a skeleton (or a runner without one) sees it: its bytes, BTF, maps,
 * programs and .rodata.
 */
public final class BpfObject {
    public static final String RODATA = ".rodata";

    private final String fileName;
    private final ElfFile elf;
    private final Btf btf;
    private final List<MapInfo> maps;
    private final List<ProgramInfo> programs;

    private BpfObject(String fileName, ElfFile elf, Btf btf) {
        this.fileName = fileName;
        this.elf = elf;
        this.btf = btf;
        this.maps = readMaps();
        this.programs = readPrograms();
    }

    /** @param fileName the object's file name, used for the skeleton's name and in comments */
    public static BpfObject parse(String fileName, byte[] bytes) {
        ElfFile elf = ElfFile.parse(bytes);
        ElfSection btfSection = elf.section(".BTF").orElseThrow(() -> new BadInputException(
                "no .BTF section: compile the BPF program with clang -g so that it carries BTF"));
        Btf btf;
        try {
            btf = Btf.parse(elf.data(btfSection));
        } catch (BadInputException e) {
            throw new BadInputException(".BTF section: " + e.getMessage());
        }
        return new BpfObject(fileName, elf, btf);
    }

    public String fileName() {
        return fileName;
    }

    public ElfFile elf() {
        return elf;
    }

    public Btf btf() {
        return btf;
    }

    /** The .maps variables in DATASEC order, then the internal ".rodata" map if there is one. */
    public List<MapInfo> maps() {
        return maps;
    }

    public List<ProgramInfo> programs() {
        return programs;
    }

    public Optional<ElfSection> rodataSection() {
        return elf.section(RODATA).filter(s -> s.hasFileData() && s.size() > 0);
    }

    /**
     * Non-static variables of the .rodata DATASEC, by offset. clang leaves DATASEC offsets at 0
     * in object files (libbpf fills them in at open from the symbol table), so offsets and sizes
     * come from the variables' ELF symbols when there are any.
     */
    public List<GlobalVar> rodataVars() {
        List<GlobalVar> vars = new ArrayList<>();
        int secIndex = rodataSection().map(ElfSection::index).orElse(-1);
        btf.dataSection(RODATA).ifPresent(sec -> {
            for (BtfType.VarSecInfo v : sec.vars()) {
                if (btf.type(v.type()) instanceof BtfType.Var var && var.linkage() != BtfType.Var.STATIC) {
                    Optional<ElfSymbol> sym = elf.symbols().stream()
                            .filter(s -> s.sectionIndex() == secIndex && s.name().equals(var.name())
                                    && s.type() == ElfSymbol.STT_OBJECT)
                            .findFirst();
                    long offset = sym.map(ElfSymbol::value).orElse(Integer.toUnsignedLong(v.offset()));
                    long size = sym.map(ElfSymbol::size).orElse(Integer.toUnsignedLong(v.size()));
                    vars.add(new GlobalVar(var.name(), var.type(), offset, size));
                }
            }
        });
        vars.sort((a, b) -> Long.compare(a.offset(), b.offset()));
        return vars;
    }

    private List<MapInfo> readMaps() {
        List<MapInfo> list = new ArrayList<>(new MapDefinitionReader(btf).read());
        rodataSection().ifPresent(s -> list.add(
                new MapInfo(RODATA, "rodata", MapInfo.BPF_MAP_TYPE_ARRAY, 1, 4, s.size(), true, 0, 0)));
        return List.copyOf(list);
    }

    private List<ProgramInfo> readPrograms() {
        List<ProgramInfo> list = new ArrayList<>();
        for (ElfSymbol sym : elf.symbols()) {
            if (!sym.isGlobalFunction() || sym.sectionIndex() == 0 || sym.sectionIndex() >= ElfSymbol.SHN_LORESERVE) {
                continue;
            }
            ElfSection sec = elf.section(sym.sectionIndex());
            if (sec.isExecutable() && !sec.name().equals(".text")) {
                list.add(new ProgramInfo(sym.name(), sec.name()));
            }
        }
        return List.copyOf(list);
    }
}
