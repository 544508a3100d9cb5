package org.wasmbpf.skeleton.cli;

import java.util.List;
import org.wasmbpf.bpf.btf.BtfType;
import org.wasmbpf.bpf.object.BpfObject;
import org.wasmbpf.skeleton.c.CNames;
import org.wasmbpf.skeleton.c.SkelHeaderEmitter;
import org.wasmbpf.skeleton.c.WasmHeaderEmitter;
import picocli.CommandLine.Command;

/** {@code skeleton-gen c}: NAME.skel.h and NAME.wasm.h for a C guest. */
@Command(name = "c", mixinStandardHelpOptions = true,
        description = {"Writes NAME.skel.h and NAME.wasm.h for a C wasm-bpf guest (see docs/c-skeleton.md).",
            "NAME is the object's file name without .bpf.o, made a C identifier."})
final class CCommand extends ObjectCommand {
    @Override
    void generate() {
        BpfObject obj = readObject();
        List<BtfType.Composite> roots = selectedStructs(obj);
        String base = CNames.baseName(object.getFileName().toString());
        String skel = SkelHeaderEmitter.emit(obj, base);
        String wasm = WasmHeaderEmitter.emit(base, obj.fileName(), obj.btf(), roots);
        createDirectories(out);
        write(out.resolve(base + ".skel.h"), skel);
        write(out.resolve(base + ".wasm.h"), wasm);
    }
}
