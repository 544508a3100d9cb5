package org.wasmbpf.bpf.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.wasmbpf.bpf.BadInputException;
import org.wasmbpf.bpf.Fixture;
import org.wasmbpf.bpf.object.BpfObject;

/**
 * Fuzzes the ELF64 reader and BTF decoder (through {@link BpfObject#parse}, what skeleton-gen
 * runs on its input) with Jazzer, for a bounded time in the normal test run (the module's
 * surefire sets JAZZER_FUZZ=1; without it only the inputs found so far are replayed). Every input must either
 * parse or fail with the reader's own {@link BadInputException}; any other exception, or an input
 * that runs past the timeout (a hang), is a finding and fails the build.
 *
 * <p>Most inputs are a real object (the layout fixture, compiled with clang) with a few bytes or
 * 32-bit words overwritten, or cut short, so that the fuzzer gets past the headers into section
 * tables, symbols and BTF; some are raw bytes.
 */
class BpfObjectReaderFuzzTest {
    private static final byte[] SEED = compileSeed();
    private static final long SLOW_MS = 5_000;

    // JUnit's @Timeout is also libFuzzer's per-input timeout in fuzzing mode (a hang fails);
    // it must exceed maxDuration since JUnit applies it to the whole run too.
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    @FuzzTest(maxDuration = "30s")
    void readerThrowsNothingButBadInput(FuzzedDataProvider data) {
        byte[] input = Mutations.of(SEED, data);
        long t0 = System.nanoTime();
        try {
            BpfObject.parse("fuzz.bpf.o", input);
        } catch (BadInputException expected) {
            // the reader's own error: skeleton-gen prints it as one line
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < SLOW_MS, "an input of " + input.length + " bytes took " + ms + " ms");
    }

    private static byte[] compileSeed() {
        try {
            Path dir = Files.createTempDirectory("bpf-format-fuzz");
            return Files.readAllBytes(Fixture.compile(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
