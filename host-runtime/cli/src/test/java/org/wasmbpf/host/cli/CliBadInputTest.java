package org.wasmbpf.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.host.ExitCodes;
import org.wasmbpf.host.chicory.TestGuests;

/** Each kind of bad input: one line on stderr naming the input and the cause, and its own exit code. */
class CliBadInputTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private static void assertOneLine(int expectedCode, String expectedLine, Object... args) throws Exception {
        try (CliRun cli = CliRun.start(args)) {
            int code = cli.waitFor(TIMEOUT);
            assertEquals(List.of(expectedLine), cli.stderrText(), cli.transcript());
            assertEquals(expectedCode, code, cli.transcript());
            assertEquals(List.of(), cli.stdoutText());
        }
    }

    @Test
    void usageErrors() throws Exception {
        assertOneLine(ExitCodes.USAGE, "wasm-bpf: missing command: run, push, pull or serve (see 'wasm-bpf --help')");
        assertOneLine(ExitCodes.USAGE, "wasm-bpf: Missing required parameter: 'APP.wasm' (see 'wasm-bpf run --help')",
                "run");
        assertOneLine(ExitCodes.USAGE, "wasm-bpf: Unknown option: '--bogus' (see 'wasm-bpf run --help')",
                "run", "--bogus", "x.wasm");
        assertOneLine(ExitCodes.USAGE, "wasm-bpf: Invalid value for option '--mode': expected one of [INTERPRETER,"
                + " COMPILER] (case-insensitive) but was 'fast' (see 'wasm-bpf run --help')", "run", "--mode", "fast",
                "x.wasm");
        Path module = TestGuests.wasm("exit_code");
        assertOneLine(ExitCodes.USAGE, "wasm-bpf: unknown runtime 'v8' (available: chicory, wasmtime) (see 'wasm-bpf run --help')",
                "run", "--runtime", "v8", module);
    }

    @Test
    void aMissingFileOrADirectory() throws Exception {
        Path missing = tmp.resolve("nope.wasm");
        assertOneLine(ExitCodes.NO_INPUT, "wasm-bpf: " + missing + ": no such file", "run", missing);
        assertOneLine(ExitCodes.NO_INPUT, "wasm-bpf: " + tmp + ": is a directory, not a module file", "run", tmp);
    }

    @Test
    void notWebAssembly() throws Exception {
        Path script = Files.writeString(tmp.resolve("app.wasm"), "#!/bin/sh\n");
        assertOneLine(ExitCodes.NOT_WASM,
                "wasm-bpf: " + script + ": not a WebAssembly module: it starts with 23 21 2f 62, not 00 61 73 6d (\\0asm)",
                "run", script);
        Path empty = Files.write(tmp.resolve("empty.wasm"), new byte[0]);
        assertOneLine(ExitCodes.NOT_WASM, "wasm-bpf: " + empty + ": not a WebAssembly module: the file is empty",
                "run", empty);
    }

    @Test
    void truncated() throws Exception {
        byte[] module = Files.readAllBytes(TestGuests.wasm("exit_code"));
        Path half = Files.write(tmp.resolve("half.wasm"), Arrays.copyOf(module, module.length / 2));
        try (CliRun cli = CliRun.start("run", half)) {
            assertEquals(ExitCodes.TRUNCATED, cli.waitFor(TIMEOUT), cli.transcript());
            assertEquals(1, cli.stderrText().size(), cli.transcript());
            assertTrue(cli.stderrText().get(0).startsWith("wasm-bpf: " + half + ": truncated: section "),
                    cli.transcript());
        }
    }

    @Test
    void unknownImportsAreListed() throws Exception {
        Path module = TestGuests.wasm("unknown_import");
        assertOneLine(ExitCodes.UNKNOWN_IMPORTS, "wasm-bpf: " + module
                + ": imports that this host does not provide: env.mystery, wasm_bpf.wasm_no_such_thing", "run", module);
    }

    @Test
    void noStartOrMemory() throws Exception {
        Path module = Files.write(tmp.resolve("empty-module.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        assertOneLine(ExitCodes.MISSING_EXPORTS, "wasm-bpf: " + module
                + ": not a WASI command: it does not export function _start or memory memory", "run", module);
    }
}
