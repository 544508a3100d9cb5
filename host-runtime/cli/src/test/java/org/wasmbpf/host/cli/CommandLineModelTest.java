package org.wasmbpf.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The command line's model without running anything: Paths without picocli's converters, no state left behind. */
class CommandLineModelTest {
    private static final String EXCLUDES = "picocli.converters.excludes";

    @Test
    void pathsAreConvertedThoughPicocliConvertersForThemAreExcluded() {
        CommandLine cli = WasmBpfMain.commandLine();
        cli.parseArgs("run", "--cache-dir", "/tmp/some cache", "dir/app.wasm", "--cache-dir", "x");
        CommandSpec run = cli.getSubcommands().get("run").getCommandSpec();
        assertEquals(Path.of("/tmp/some cache"), run.findOption("--cache-dir").getValue());
        // The module stays as typed: a URL's // must survive (Path.of would fold it).
        assertEquals("dir/app.wasm", run.positionalParameters().get(0).getValue());
        cli.parseArgs("run", "https://example.org//m.wasm");
        assertEquals("https://example.org//m.wasm", run.positionalParameters().get(0).getValue());
    }

    @Test
    void theExclusionIsNotLeftInTheSystemProperties() {
        String before = System.getProperty(EXCLUDES);
        try {
            System.clearProperty(EXCLUDES);
            WasmBpfMain.commandLine();
            assertNull(System.getProperty(EXCLUDES), "an embedder's picocli keeps its converters");
            System.setProperty(EXCLUDES, "com\\.example\\..*");
            WasmBpfMain.commandLine();
            assertEquals("com\\.example\\..*", System.getProperty(EXCLUDES));
        } finally {
            if (before == null) {
                System.clearProperty(EXCLUDES);
            } else {
                System.setProperty(EXCLUDES, before);
            }
        }
    }
}
