package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wasmbpf.host.ExitCodes;
import org.wasmbpf.host.RunningGuest;
import org.wasmbpf.host.WasmBpfHost;
import org.wasmbpf.tests.support.Engines;
import org.wasmbpf.tests.support.KernelObjects;
import org.wasmbpf.tests.support.LineCollector;
import org.wasmbpf.tests.support.TestGuests;

/**
 * An exception inside the host while the guest has programs attached. The embedding API takes
 * no extra imports, so the fault is injected where the API does take host code: the guest's
 * stdout stream, which the host's WASI {@code fd_write} calls. It throws an unchecked exception
 * (as a broken sink of an embedding application would), which no engine expects.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CleanupApiTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void anExceptionInsideTheHostEndsTheRunWithCode70AndLeavesNothing(String engine) throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        LineCollector err = new LineCollector();
        RunningGuest guest = WasmBpfHost.builder()
                .backend(Engines.backend(engine))
                .args(List.of("stdout"))
                .stdout(new FailingStream())
                .stderr(err)
                .build()
                .start(TestGuests.build("misbehave_after_attach"));
        OptionalInt code = guest.waitFor(Duration.ofSeconds(60));
        assertTrue(code.isPresent(), "the run ended: " + err.lines());
        assertEquals(ExitCodes.HOST_ERROR, code.getAsInt(), String.join("\n", err.lines()));
        List<String> lines = err.lines();
        assertEquals("attached", lines.get(0), String.join("\n", lines));
        assertEquals(2, lines.size(), "one line about the host error:\n" + String.join("\n", lines));
        assertTrue(lines.get(1).startsWith("wasm-bpf: host error: ") && lines.get(1).contains(FailingStream.MESSAGE),
                "names the exception: " + lines.get(1));
        CleanupCliTest.assertNothingLeft(before);
    }

    /** A guest's stdout that fails on the first write. */
    private static final class FailingStream extends OutputStream {
        static final String MESSAGE = "injected fault in the embedding's stdout sink";

        @Override
        public void write(int b) {
            throw new IllegalStateException(MESSAGE);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            throw new IllegalStateException(MESSAGE);
        }
    }
}
