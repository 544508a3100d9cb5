package org.wasmbpf.skeleton.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.wasmbpf.skeleton.BadInputException;
import org.wasmbpf.skeleton.btf.Btf;
import org.wasmbpf.skeleton.btf.BtfType;
import org.wasmbpf.skeleton.c.CNames;
import org.wasmbpf.skeleton.c.SkelHeaderEmitter;
import org.wasmbpf.skeleton.c.StructSelector;
import org.wasmbpf.skeleton.c.WasmHeaderEmitter;
import org.wasmbpf.skeleton.object.BpfObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code skeleton-gen c}: NAME.skel.h and NAME.wasm.h for a C guest. */
@Command(name = "c", mixinStandardHelpOptions = true,
        description = {"Writes NAME.skel.h and NAME.wasm.h for a C wasm-bpf guest (see docs/c-skeleton.md).",
            "NAME is the object's file name without .bpf.o, made a C identifier."})
final class CCommand implements Callable<Integer> {
    static final String DEFAULT_KERNEL_BTF = "/sys/kernel/btf/vmlinux";

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the headers to (created if missing).")
    Path out;

    @Option(names = "--struct", paramLabel = "NAME",
            description = "Put exactly these structs (and what they contain by value) into NAME.wasm.h. Repeatable. "
                    + "Default: every named struct of the object that the kernel BTF does not define.")
    List<String> structs = new ArrayList<>();

    @Option(names = "--kernel-btf", paramLabel = "PATH", defaultValue = DEFAULT_KERNEL_BTF,
            description = "Kernel BTF used to tell the object's own structs from the kernel's (default: ${DEFAULT-VALUE}).")
    Path kernelBtf;

    @Parameters(index = "0", paramLabel = "NAME.bpf.o", description = "BPF object compiled with clang -g -target bpf.")
    Path object;

    @Override
    public Integer call() {
        try {
            generate();
            return 0;
        } catch (InputError e) {
            fail(e.file, e.getMessage());
        } catch (BadInputException e) {
            fail(object.toString(), e.getMessage());
        }
        return 1;
    }

    private void generate() {
        BpfObject obj = BpfObject.parse(object.getFileName().toString(), read(object));
        List<BtfType.Composite> roots = structs.isEmpty()
                ? StructSelector.notInKernel(obj.btf(), kernelBtf())
                : StructSelector.byName(obj.btf(), structs);
        String base = CNames.baseName(object.getFileName().toString());
        String skel = SkelHeaderEmitter.emit(obj, base);
        String wasm = WasmHeaderEmitter.emit(base, obj.fileName(), obj.btf(), roots);
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new InputError(out.toString(), "cannot create the output directory: " + describe(e));
        }
        write(out.resolve(base + ".skel.h"), skel);
        write(out.resolve(base + ".wasm.h"), wasm);
    }

    private Btf kernelBtf() {
        try {
            return Btf.parse(read(kernelBtf));
        } catch (BadInputException e) {
            // Kernel BTF only tells the object's own structs from the kernel's; say how to do without.
            throw new InputError(kernelBtf.toString(), e.getMessage()
                    + " (kernel BTF; pass another with --kernel-btf, or name the structs with --struct)");
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputError(file.toString(), "cannot read: " + describe(e));
        }
    }

    private static void write(Path file, String text) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new InputError(file.toString(), "cannot write: " + describe(e));
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private void fail(String file, String cause) {
        spec.commandLine().getErr().println("skeleton-gen: " + file + ": " + cause);
    }

    /** Bad input in a file other than the object (the kernel BTF, the output directory). */
    private static final class InputError extends BadInputException {
        final String file;

        InputError(String file, String cause) {
            super(cause);
            this.file = file;
        }
    }
}
