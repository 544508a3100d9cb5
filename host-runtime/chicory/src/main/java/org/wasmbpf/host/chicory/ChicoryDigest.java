package org.wasmbpf.host.chicory;

import com.dylibso.chicory.wasm.WasmModule;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * The digest Chicory's parser gives a module ({@link WasmModule#digest()}), which is the key of
 * its compiled classes in the cache, computed from the bytes alone: a cache hit need not parse
 * the whole module to learn its key. Made as Chicory's {@code Parser} makes it, from the same
 * system property, so that entries stored under Chicory's key are found under this one.
 */
final class ChicoryDigest {
    private static final String ALGORITHM_PROPERTY = "com.dylibso.chicory.wasm.Parser.DIGEST_ALGORITHM";

    private ChicoryDigest() {}

    /** {@code sha-256:<base64>} by default; null where Chicory's modules carry no digest. */
    static String of(byte[] bytes) {
        String algorithm = System.getProperty(ALGORITHM_PROPERTY, "SHA-256");
        if (algorithm.equals("none")) {
            return null;
        }
        try {
            byte[] hash = MessageDigest.getInstance(algorithm).digest(bytes);
            return algorithm.toLowerCase(Locale.getDefault()).replace(":", "") + ":"
                    + Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            return null; // Chicory's parse fails for it as well: nothing was cached under it
        }
    }
}
