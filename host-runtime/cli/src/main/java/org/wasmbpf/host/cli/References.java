package org.wasmbpf.host.cli;

import org.wasmbpf.host.distribution.OciReference;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/** push's and pull's REF: a malformed one is a usage error (exit 2), told in one line. */
final class References {
    private References() {}

    /** The REF parameter at {@code index}. */
    static PositionalParamSpec positional(String index, String description) {
        return PositionalParamSpec.builder().index(index).paramLabel("REF").type(String.class).required(true)
                .description(description).build();
    }

    static OciReference parse(CommandSpec spec, String text) {
        try {
            return OciReference.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), text + ": " + e.getMessage());
        }
    }
}
