package org.wasmbpf.host.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The last few modules parsed and compiled in this JVM, by the SHA-256 of their bytes: starting
 * the same module again (an embedder restarting a tool) skips the parse, the loading of the
 * compiled classes and their verification, most of a warm start. Both are immutable and serve
 * any number of instances.
 */
final class PreparedModules {
    /** A parsed module and the factory of its machines (compiled classes or the interpreter). */
    record Prepared(WasmModule module, Function<Instance, Machine> machines) {}

    private static final int KEPT = 8;

    private final Map<String, Prepared> byDigest = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Prepared> eldest) {
            return size() > KEPT;
        }
    };

    /** The prepared module for these bytes, made by {@code prepare} unless kept from an earlier call. */
    Prepared get(byte[] bytes, Supplier<Prepared> prepare) {
        String key = digest(bytes);
        synchronized (byDigest) {
            Prepared kept = byDigest.get(key);
            if (kept != null) {
                return kept;
            }
        }
        Prepared made = prepare.get();
        synchronized (byDigest) {
            byDigest.put(key, made);
        }
        return made;
    }

    private static String digest(byte[] bytes) {
        try {
            StringBuilder sb = new StringBuilder(64);
            for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) {
                sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
