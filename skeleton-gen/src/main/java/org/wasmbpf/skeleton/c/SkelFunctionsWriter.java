package org.wasmbpf.skeleton.c;

import java.util.List;
import org.wasmbpf.bpf.object.BpfObject;
import org.wasmbpf.bpf.object.MapInfo;
import org.wasmbpf.bpf.object.ProgramInfo;

/** The NAME_bpf__* functions of NAME.skel.h, on top of libbpf-wasm.h's bpf_object__*_skeleton. */
final class SkelFunctionsWriter {
    private final BpfObject object;
    private final String skel;
    private final StringBuilder out;

    SkelFunctionsWriter(BpfObject object, String skel, StringBuilder out) {
        this.object = object;
        this.skel = skel;
        this.out = out;
    }

    void write() {
        String t = "struct " + skel;
        line("static inline void " + skel + "__destroy(" + t + " *obj);");
        line("static inline int " + skel + "__create_skeleton(" + t + " *obj);");
        line("static inline " + t + " *" + skel + "__open(void);");
        line("static inline " + t + " *" + skel + "__open_opts(const struct bpf_object_open_opts *opts);");
        line("static inline int " + skel + "__load(" + t + " *obj);");
        line("static inline " + t + " *" + skel + "__open_and_load(void);");
        line("static inline int " + skel + "__attach(" + t + " *obj);");
        line("static inline void " + skel + "__detach(" + t + " *obj);");
        line("");
        block("static inline void " + skel + "__destroy(" + t + " *obj)",
                "if (!obj)",
                "\treturn;",
                "bpf_object__destroy_skeleton(obj->skeleton);",
                "free(obj);");
        createSkeleton(t);
        block("static inline " + t + " *" + skel + "__open_opts(const struct bpf_object_open_opts *opts)",
                t + " *obj = (" + t + " *)calloc(1, sizeof(*obj));",
                "int err;",
                "",
                "if (!obj) {",
                "\terrno = ENOMEM;",
                "\treturn NULL;",
                "}",
                "if (" + skel + "__create_skeleton(obj) || bpf_object__open_skeleton(obj->skeleton, opts)) {",
                "\terr = errno;",
                "\t" + skel + "__destroy(obj);",
                "\terrno = err;",
                "\treturn NULL;",
                "}",
                "return obj;");
        block("static inline " + t + " *" + skel + "__open(void)",
                "return " + skel + "__open_opts(NULL);");
        block("static inline int " + skel + "__load(" + t + " *obj)",
                "return bpf_object__load_skeleton(obj->skeleton);");
        block("static inline " + t + " *" + skel + "__open_and_load(void)",
                t + " *obj = " + skel + "__open();",
                "int err;",
                "",
                "if (!obj)",
                "\treturn NULL;",
                "if (" + skel + "__load(obj)) {",
                "\terr = errno;",
                "\t" + skel + "__destroy(obj);",
                "\terrno = err;",
                "\treturn NULL;",
                "}",
                "return obj;");
        block("static inline int " + skel + "__attach(" + t + " *obj)",
                "return bpf_object__attach_skeleton(obj->skeleton);");
        block("static inline void " + skel + "__detach(" + t + " *obj)",
                "bpf_object__detach_skeleton(obj->skeleton);");
        out.setLength(out.length() - 1); // no blank line after the last function
    }

    private void createSkeleton(String t) {
        line("static inline int " + skel + "__create_skeleton(" + t + " *obj)");
        line("{");
        line("\tstruct bpf_object_skeleton *s;");
        line("");
        line("\ts = (struct bpf_object_skeleton *)calloc(1, sizeof(*s));");
        nomem("s");
        line("\tobj->skeleton = s;");
        line("\ts->sz = sizeof(*s);");
        line("\ts->name = " + CNames.literal(skel) + ";");
        List<MapInfo> maps = object.maps();
        if (!maps.isEmpty()) {
            line("");
            line("\ts->map_cnt = " + maps.size() + ";");
            line("\ts->map_skel_sz = sizeof(*s->maps);");
            line("\ts->maps = (struct bpf_map_skeleton *)calloc(s->map_cnt, s->map_skel_sz);");
            nomem("s->maps");
            for (int i = 0; i < maps.size(); i++) {
                MapInfo m = maps.get(i);
                line("\ts->maps[" + i + "] = (struct bpf_map_skeleton){");
                line("\t\t.name = " + CNames.literal(m.name()) + ",");
                line("\t\t.map = &obj->maps." + m.fieldName() + ",");
                line("\t\t.mmaped = " + (m.internal() ? "(void **)&obj->" + m.fieldName() : "NULL") + ",");
                line("\t\t.type = " + m.type() + ", /* " + MapTypeNames.name(m.type()) + " */");
                line("\t\t.max_entries = " + m.maxEntries() + ",");
                line("\t\t.key_size = " + m.keySize() + ",");
                line("\t\t.value_size = " + m.valueSize() + ",");
                line("\t};");
            }
        }
        List<ProgramInfo> progs = object.programs();
        if (!progs.isEmpty()) {
            line("");
            line("\ts->prog_cnt = " + progs.size() + ";");
            line("\ts->prog_skel_sz = sizeof(*s->progs);");
            line("\ts->progs = (struct bpf_prog_skeleton *)calloc(s->prog_cnt, s->prog_skel_sz);");
            nomem("s->progs");
            for (int i = 0; i < progs.size(); i++) {
                ProgramInfo p = progs.get(i);
                line("\ts->progs[" + i + "] = (struct bpf_prog_skeleton){ .name = " + CNames.literal(p.name())
                        + ", .prog = &obj->progs." + p.name() + " }; /* SEC(" + CNames.literal(p.section()).replace("*/", "* /") + ") */");
            }
        }
        line("");
        line("\ts->data = " + skel + "__elf_bytes_data;");
        line("\ts->data_sz = sizeof(" + skel + "__elf_bytes_data);");
        object.rodataSection().ifPresent(r ->
                line("\ts->rodata_offset = " + r.offset() + "; /* file offset of .rodata */"));
        line("\treturn 0;");
        line("}");
        line("");
    }

    private void nomem(String what) {
        line("\tif (!" + what + ") {");
        line("\t\terrno = ENOMEM;");
        line("\t\treturn -ENOMEM;");
        line("\t}");
    }

    private void block(String signature, String... body) {
        line(signature);
        line("{");
        for (String b : body) {
            line(b.isEmpty() ? "" : "\t" + b);
        }
        line("}");
        line("");
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
