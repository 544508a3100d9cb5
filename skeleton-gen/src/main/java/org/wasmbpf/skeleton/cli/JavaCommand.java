package org.wasmbpf.skeleton.cli;

import java.nio.file.Path;
import java.util.Map;
import org.wasmbpf.bpf.object.BpfObject;
import org.wasmbpf.skeleton.c.CNames;
import org.wasmbpf.skeleton.java.JavaEmitter;
import org.wasmbpf.skeleton.java.JavaNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code skeleton-gen java}: the skeleton class and struct views for a Java (TeaVM) guest. */
@Command(name = "java", mixinStandardHelpOptions = true,
        description = {"Writes DIR/PACKAGE/NAMESkel.java and one view class per shared struct for a Java",
            "wasm-bpf guest (see docs/java-guests.md). NAME is the object's file name without .bpf.o."})
final class JavaCommand extends ObjectCommand {
    @Option(names = "--package", required = true, paramLabel = "PACKAGE", description = "Java package of the generated classes.")
    String pkg;

    @Override
    void generate() {
        if (!JavaNames.isPackage(pkg)) {
            throw new InputError("--package '" + pkg + "'", "not a Java package name (dotted identifiers, no keywords)");
        }
        BpfObject obj = readObject();
        String base = CNames.baseName(object.getFileName().toString());
        JavaEmitter.Output output = JavaEmitter.emit(obj, base, pkg, selectedStructs(obj));
        Path dir = out.resolve(pkg.replace('.', '/'));
        createDirectories(dir);
        for (Map.Entry<String, String> f : output.files().entrySet()) {
            write(dir.resolve(f.getKey()), f.getValue());
        }
    }
}
