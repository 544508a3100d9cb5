package org.wasmbpf.skeleton.java;

import java.util.List;
import java.util.Set;
import org.wasmbpf.bpf.elf.ElfSection;
import org.wasmbpf.bpf.layout.LayoutModel;
import org.wasmbpf.bpf.object.BpfObject;
import org.wasmbpf.bpf.object.GlobalVar;
import org.wasmbpf.bpf.object.MapInfo;
import org.wasmbpf.bpf.object.ProgramInfo;
import org.wasmbpf.skeleton.c.MapTypeNames;

/**
 * {@code NAMESkel.java}: the object embedded (compressed), a {@code Rodata} view over its
 * {@code .rodata} bytes with a getter and setter per read-only global, a method per map and per
 * program, on top of the guest SDK's {@code BpfSkeleton} (open, load, attach, close).
 */
final class SkeletonClassEmitter {
    static final int BPF_MAP_TYPE_PERF_EVENT_ARRAY = 4;
    static final int BPF_MAP_TYPE_RINGBUF = 27;
    /** BpfSkeleton's and Object's methods, which no map or program method may take. */
    private static final Set<String> RESERVED = Set.of("open", "load", "attach", "close", "object", "elf", "rodata",
            "getClass", "hashCode", "equals", "toString", "notify", "notifyAll", "wait", "clone", "finalize");

    private final BpfObject object;
    private final LayoutModel bpf;
    private final String cls;
    private final StringBuilder out = new StringBuilder();

    SkeletonClassEmitter(BpfObject object, LayoutModel bpf, String cls) {
        this.object = object;
        this.bpf = bpf;
        this.cls = cls;
    }

    String emit(String header, List<ViewField> rodataFields) {
        ElfSection rodata = object.rodataSection().orElse(null);
        out.append(header);
        if (rodata != null) {
            out.append("import org.teavm.interop.Address;\n");
        }
        out.append("import org.wasmbpf.guest.BpfBuffer;\n");
        out.append("import org.wasmbpf.guest.BpfMap;\n");
        out.append("import org.wasmbpf.guest.BpfSkeleton;\n");
        out.append("import org.wasmbpf.guest.EmbeddedBytes;\n");
        if (rodata != null) {
            out.append("import org.wasmbpf.guest.StructView;\n");
        }
        out.append("\n/**\n * The skeleton of ").append(object.fileName())
                .append(": {@link #open()}, set read-only globals through {@link #rodata()},\n")
                .append(" * {@link #load()}, {@link #attach()}, {@link #close()} (or try-with-resources).\n */\n");
        out.append("public final class ").append(cls).append(" extends BpfSkeleton {\n");
        out.append("    /** Size of the embedded object file. */\n");
        out.append("    public static final int OBJECT_SIZE = ").append(object.elf().bytes().length).append(";\n");
        out.append("    /** File offset of .rodata in the object, 0 when it has none. */\n");
        out.append("    public static final int RODATA_OFFSET = ").append(rodata == null ? 0 : rodata.offset()).append(";\n");
        if (rodata != null) {
            rodataClass(rodata, rodataFields);
            out.append("\n    private final Rodata rodata = new Rodata();\n");
        }
        constructor(rodata != null);
        maps();
        programs();
        out.append("\n    /** A fresh copy of the object's bytes; rodata setters patch it before load. */\n");
        out.append("    private static byte[] objectBytes() {\n        return ")
                .append(EmbeddedObjectWriter.decompressCall(object.elf().bytes(), "            ")).append(";\n    }\n");
        out.append("}\n");
        return out.toString();
    }

    private void rodataClass(ElfSection rodata, List<ViewField> rodataFields) {
        StringBuilder accessors = new StringBuilder();
        ViewWriter w = new ViewWriter(object.btf(), bpf, "Rodata", "        ", accessors);
        for (GlobalVar v : object.rodataVars()) {
            w.slot(new Slot(v.name(), v.typeId(), v.offset() * 8, 0));
        }
        rodataFields.addAll(w.fields());
        out.append("\n    /** The object's read-only globals ({@code const volatile}), in its bytes: set them before load. */\n");
        out.append("    public static final class Rodata extends StructView {\n");
        out.append("        /** Bytes of the .rodata section. */\n");
        out.append("        public static final int SIZE = ").append(rodata.size()).append(";\n");
        out.append(w.viewFields());
        out.append("\n        @Override\n        public int size() {\n            return SIZE;\n        }\n");
        out.append(StructViewEmitter.covariant("Rodata", "        "));
        out.append(accessors);
        out.append("    }\n");
    }

    private void constructor(boolean hasRodata) {
        out.append("\n    private ").append(cls).append("(byte[] elf) {\n        super(elf");
        for (ProgramInfo p : object.programs()) {
            out.append(", \"").append(p.name()).append('"');
        }
        out.append(");\n");
        if (hasRodata) {
            out.append("        rodata.on(elf, RODATA_OFFSET);\n");
        }
        out.append("    }\n");
        out.append("\n    /** A new skeleton with its own copy of the object's bytes, not yet loaded. */\n");
        out.append("    public static ").append(cls).append(" open() {\n        return new ").append(cls)
                .append("(objectBytes());\n    }\n");
        if (hasRodata) {
            out.append("\n    /** Read-only globals; what is set after {@link #load()} does not reach the kernel. */\n");
            out.append("    public Rodata rodata() {\n        return rodata;\n    }\n");
        }
    }

    private void maps() {
        for (MapInfo m : object.maps()) {
            if (m.internal()) {
                continue;
            }
            String method = JavaNames.member(m.name());
            String what = "{@code " + m.name() + "}: " + MapTypeNames.name(m.type());
            if (m.type() == BPF_MAP_TYPE_RINGBUF || m.type() == BPF_MAP_TYPE_PERF_EVENT_ARRAY) {
                String open = "open" + Character.toUpperCase(method.charAt(0)) + method.substring(1);
                out.append("\n    /** ").append(what).append("; each sample goes to {@code handler}. */\n");
                out.append("    public BpfBuffer ").append(open).append("(BpfBuffer.Handler handler) {\n");
                out.append("        return BpfBuffer.open(object(), \"").append(m.name()).append("\", handler);\n    }\n");
                out.append("\n    /** As {@link #").append(open).append("(BpfBuffer.Handler)}, samples cut at {@code sampleMax} bytes. */\n");
                out.append("    public BpfBuffer ").append(open).append("(BpfBuffer.Handler handler, int sampleMax) {\n");
                out.append("        return BpfBuffer.open(object(), \"").append(m.name()).append("\", handler, sampleMax);\n    }\n");
            } else {
                if (RESERVED.contains(method)) {
                    method += "Map";
                }
                out.append("\n    /** ").append(what).append(", ").append(m.maxEntries()).append(" entries, key ")
                        .append(m.keySize()).append(" bytes, value ").append(m.valueSize()).append(" bytes. */\n");
                out.append("    public BpfMap ").append(method).append("() {\n");
                out.append("        return object().map(\"").append(m.name()).append("\", ").append(m.keySize())
                        .append(", ").append(m.valueSize()).append(");\n    }\n");
            }
        }
    }

    private void programs() {
        for (ProgramInfo p : object.programs()) {
            String method = "attach" + JavaNames.type(p.name());
            out.append("\n    /** Attaches {@code ").append(p.name()).append("} where its section {@code ")
                    .append(p.section()).append("} says. */\n");
            out.append("    public void ").append(method).append("() {\n");
            out.append("        object().attach(\"").append(p.name()).append("\");\n    }\n");
            out.append("\n    /** Attaches {@code ").append(p.name())
                    .append("} to {@code target} (a cgroup path for sockops, an interface for xdp). */\n");
            out.append("    public void ").append(method).append("(String target) {\n");
            out.append("        object().attach(\"").append(p.name()).append("\", target);\n    }\n");
        }
    }
}
