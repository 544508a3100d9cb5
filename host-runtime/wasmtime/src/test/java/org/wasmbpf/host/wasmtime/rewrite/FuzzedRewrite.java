package org.wasmbpf.host.wasmtime.rewrite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import org.wasmbpf.host.wasm.Section;
import org.wasmbpf.host.wasm.WasmFormatException;

/** The fuzz tests' one check: read, rewrite and re-read a mutated module, quickly, failing only as the backend expects. */
final class FuzzedRewrite {
    private static final long SLOW_MS = 5_000;

    private FuzzedRewrite() {}

    /**
     * Only {@link WasmFormatException} may escape (the backend turns it into a rejection); any
     * other exception, or an input taking longer than {@value #SLOW_MS} ms, is a finding.
     */
    static void check(byte[] input) {
        long t0 = System.nanoTime();
        try {
            WasmModuleInfo info = WasmModuleInfo.read(input);
            if (WasmBinaryRewriter.applies(info)) {
                WasmModuleInfo.read(WasmBinaryRewriter.addTrampolines(info));
            }
        } catch (WasmFormatException expected) {
            // the reader's own error, or a section the rewrite must extend and cannot
        }
        // The rewrite decodes only the bodies that could call an import it redirects; the
        // decoder itself meets every body here.
        try {
            WasmModuleInfo info = WasmModuleInfo.read(input);
            info.section(Section.CODE).ifPresent(code -> CallRedirect.redirectCalls(input, code, Map.of(0, 0), new HashSet<>(), true));
        } catch (WasmFormatException expected) {
            // a body the decoder refuses
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < SLOW_MS, "an input of " + input.length + " bytes took " + ms + " ms");
    }
}
