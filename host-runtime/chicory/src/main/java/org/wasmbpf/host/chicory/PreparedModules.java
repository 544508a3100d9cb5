package org.wasmbpf.host.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * The last few modules parsed and compiled in this JVM, by their bytes: starting the same module
 * again (an embedder restarting a tool) skips the parse, the loading of the compiled classes and
 * their verification, most of a warm start. Each serves any number of instances. Keyed by the
 * bytes themselves rather than a digest, since a cold JVM runs SHA-256 in its interpreter (~30 ms
 * for a 70 KB module, with the initialisation of the JDK's security providers); hashed by CRC-32.
 */
final class PreparedModules {
    /**
     * A parsed module, its functions' names, and the factory of its machines (compiled classes or
     * the interpreter).
     */
    record Prepared(WasmModule module, FunctionNames names, Function<Instance, Machine> machines) {}

    private static final int KEPT = 8;

    private final Map<ModuleBytes, Prepared> byBytes = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ModuleBytes, Prepared> eldest) {
            return size() > KEPT;
        }
    };

    /**
     * The prepared module for these bytes, made by {@code prepare} unless kept from an earlier
     * call. {@code prepare} is given a private copy of the bytes, which what it makes may keep.
     */
    Prepared get(byte[] bytes, Function<byte[], Prepared> prepare) {
        ModuleBytes key = new ModuleBytes(bytes.clone());
        synchronized (byBytes) {
            Prepared kept = byBytes.get(key);
            if (kept != null) {
                return kept;
            }
        }
        Prepared made = prepare.apply(key.bytes);
        synchronized (byBytes) {
            byBytes.put(key, made);
        }
        return made;
    }

    void clear() {
        synchronized (byBytes) {
            byBytes.clear();
        }
    }

    /** A private copy of a module's bytes, compared by content. */
    private static final class ModuleBytes {
        private final byte[] bytes;
        private final int hash;

        ModuleBytes(byte[] bytes) {
            this.bytes = bytes;
            // CRC-32, not Arrays.hashCode: a cold JVM runs the latter in its interpreter, a few ms
            // for a 70 KB module at every start; CRC-32 is native there too.
            CRC32 crc = new CRC32();
            crc.update(bytes);
            this.hash = (int) crc.getValue();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ModuleBytes other && hash == other.hash && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
