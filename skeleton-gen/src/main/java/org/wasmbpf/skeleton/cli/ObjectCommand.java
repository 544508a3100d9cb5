package org.wasmbpf.skeleton.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.wasmbpf.bpf.BadInputException;
import org.wasmbpf.bpf.btf.Btf;
import org.wasmbpf.bpf.btf.BtfType;
import org.wasmbpf.bpf.object.BpfObject;
import org.wasmbpf.skeleton.c.StructSelector;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What every generator subcommand shares: the object, {@code --out}, the struct selection
 * ({@code --struct}, {@code --kernel-btf}), and bad input reported as one line
 * {@code skeleton-gen: FILE: CAUSE} with exit status 1 and nothing written.
 */
abstract class ObjectCommand implements Callable<Integer> {
    static final String DEFAULT_KERNEL_BTF = "/sys/kernel/btf/vmlinux";

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write to (created if missing).")
    Path out;

    @Option(names = "--struct", paramLabel = "NAME",
            description = "Generate exactly these structs (and what they contain by value). Repeatable. "
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

    /** Reads the object, generates, and writes; throws {@link BadInputException} for bad input. */
    abstract void generate();

    BpfObject readObject() {
        return BpfObject.parse(object.getFileName().toString(), read(object));
    }

    /** The structs to generate: those named with --struct, else the object's own. */
    List<BtfType.Composite> selectedStructs(BpfObject obj) {
        return structs.isEmpty()
                ? StructSelector.notInKernel(obj.btf(), kernelBtf())
                : StructSelector.byName(obj.btf(), structs);
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

    static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InputError(dir.toString(), "cannot create the output directory: " + describe(e));
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputError(file.toString(), "cannot read: " + describe(e));
        }
    }

    static void write(Path file, String text) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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

    /** Bad input in a file other than the object (the kernel BTF, the output directory), or an option. */
    static final class InputError extends BadInputException {
        final String file;

        InputError(String file, String cause) {
            super(cause);
            this.file = file;
        }
    }
}
