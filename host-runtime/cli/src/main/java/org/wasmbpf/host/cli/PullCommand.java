package org.wasmbpf.host.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.wasmbpf.host.ExitCodes;
import org.wasmbpf.host.distribution.ContentCache;
import org.wasmbpf.host.distribution.DistributionException;
import org.wasmbpf.host.distribution.ModuleArtifact;
import org.wasmbpf.host.distribution.OciPull;
import org.wasmbpf.host.distribution.OciReference;
import org.wasmbpf.host.distribution.RegistryClient;
import org.wasmbpf.host.spi.AtomicFile;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code wasm-bpf pull oci://... [-o FILE]}: writes the verified module and prints where. */
final class PullCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    private final PositionalParamSpec reference = References.positional("0",
            "oci://HOST[:PORT]/REPO[:TAG|@sha256:HEX] (default tag: latest).");
    private final OptionSpec output = OptionSpec.builder("-o", "--output").paramLabel("FILE").type(Path.class)
            .description("Where to write it (default: the file name it was pushed with, in the current directory).")
            .build();

    private PullCommand() {}

    static CommandSpec spec(IVersionProvider version) {
        PullCommand command = new PullCommand();
        CommandSpec spec = command.spec;
        HelpOptions.describe(spec, "pull", version,
                "Exit code: 0, or 65 no module in the artifact, 73 cannot write, 74 registry failure, 76 digest mismatch.",
                "Pulls a module or BPF object from an OCI registry, checks every digest, writes it and prints its path.");
        spec.addPositional(command.reference);
        spec.addOption(command.output);
        HelpOptions.addTo(spec);
        return spec;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String text = reference.getValue();
        OciReference ref = References.parse(spec, text);
        ModuleArtifact artifact;
        try {
            artifact = OciPull.pull(RegistryClient.forReference(ref), ref, null, ContentCache.at(null));
        } catch (DistributionException e) {
            return Fetching.report(err, text, e);
        }
        Path target = output.getValue() != null ? output.getValue() : Path.of(artifact.fileName());
        Path absolute = target.toAbsolutePath();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            AtomicFile.write(absolute, artifact.bytes());
        } catch (IOException e) {
            err.println("wasm-bpf: " + target + ": cannot write: " + e.getMessage());
            err.flush();
            return ExitCodes.CANT_CREATE;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(target);
        out.flush();
        return 0;
    }
}
