package org.wasmbpf.host;

import org.wasmbpf.host.spi.ModuleRejectedException;
import org.wasmbpf.host.wasm.Section;
import org.wasmbpf.host.wasm.WasmFormatException;
import org.wasmbpf.host.wasm.WasmReader;
import org.wasmbpf.host.wasm.WasmReader.Limits;
import org.wasmbpf.host.wasm.WasmSections;
import org.wasmbpf.host.wasm.WasmWriter;

/**
 * Caps the maximum of the memory a module defines, so that every engine refuses
 * {@code memory.grow} past the limit (it returns -1; malloc returns NULL) by the module's own
 * rules. Done on the bytes, before the engine sees them, because not every engine has a memory
 * limiter (wasmtime-java has none). Only the memory section changes; a module this reader does
 * not understand is passed on untouched for the engine to judge and reject.
 */
final class MemoryLimitPatch {
    private MemoryLimitPatch() {}

    /**
     * @return the module with every defined memory's maximum at most {@code maxPages}
     * @throws ModuleRejectedException when a memory starts with more pages than that
     */
    static byte[] apply(byte[] module, int maxPages) {
        try {
            // Sections past the memory section are not read: their faults are the engine's to name.
            for (WasmSections sections = WasmSections.of(module); sections.hasNext(); ) {
                Section s = sections.next();
                if (s.id() == Section.MEMORY) {
                    byte[] payload = cappedMemories(s.payload(module), maxPages);
                    return payload == null ? module : new WasmWriter(module.length + 8)
                            .bytes(module, 0, s.start())
                            .section(Section.MEMORY, payload)
                            .bytes(module, s.end(), module.length - s.end())
                            .toByteArray();
                }
            }
        } catch (WasmFormatException e) {
            // malformed: the engine names the fault
        }
        return module;
    }

    /** The re-encoded section payload, or null when a memory is of a kind left alone. */
    private static byte[] cappedMemories(WasmReader r, int maxPages) {
        int count = r.u32();
        WasmWriter out = new WasmWriter().u32(count);
        for (int i = 0; Integer.compareUnsigned(i, count) < 0; i++) {
            Limits limits = r.limits();
            if (limits.flags() > 1) {
                return null; // shared or 64-bit memory: not a wasm32 WASI command's
            }
            if (limits.min() > maxPages) {
                throw new ModuleRejectedException("its memory starts at " + limits.min() + " pages of 64 KiB, more than"
                        + " the limit of " + maxPages + " pages");
            }
            long max = limits.hasMax() ? limits.max() : GuestLimits.WASM32_MAX_PAGES;
            out.u8(1).u32((int) limits.min()).u32((int) Math.min(max, maxPages));
        }
        return r.atEnd() ? out.toByteArray() : null;
    }
}
