package org.wasmbpf.host.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.wasmbpf.host.distribution.DistributionException;
import org.wasmbpf.host.distribution.OciPush;
import org.wasmbpf.host.distribution.OciReference;
import org.wasmbpf.host.distribution.RegistryClient;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code wasm-bpf push FILE oci://HOST[:PORT]/REPO[:TAG]}: prints the reference pinned to the manifest's digest. */
final class PushCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    private final PositionalParamSpec file = PositionalParamSpec.builder()
            .index("0").paramLabel("FILE").type(Path.class).required(true)
            .description("A Wasm module (APP.wasm) or a BPF object (PROG.bpf.o).")
            .build();
    private final PositionalParamSpec reference = References.positional("1",
            "oci://HOST[:PORT]/REPO[:TAG] (default tag: latest).");

    private PushCommand() {}

    static CommandSpec spec(IVersionProvider version) {
        PushCommand command = new PushCommand();
        CommandSpec spec = command.spec;
        HelpOptions.describe(spec, "push", version,
                "Exit code: 0, or 66 no such file, 65 not Wasm or ELF, 74 registry failure, 76 digest mismatch.",
                "Pushes a module or BPF object to an OCI registry as an artifact (docs/distribution.md),"
                        + " logging in as the docker config says; prints the reference with the manifest's digest.");
        spec.addPositional(command.file);
        spec.addPositional(command.reference);
        HelpOptions.addTo(spec);
        return spec;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Path path = file.getValue();
        String text = reference.getValue();
        OciReference ref = References.parse(spec, text);
        ModuleInput input = ModuleInput.readFile(path, path.toString(), null, err);
        if (input.failed()) {
            return input.exitCode();
        }
        try {
            String digest = OciPush.push(RegistryClient.forReference(ref), ref, input.bytes(), input.fileName());
            PrintWriter out = spec.commandLine().getOut();
            out.println(ref.withDigest(digest));
            out.flush();
            return 0;
        } catch (DistributionException e) {
            return Fetching.report(err, text, e);
        }
    }
}
