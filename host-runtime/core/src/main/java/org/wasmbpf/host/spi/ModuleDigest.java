package org.wasmbpf.host.spi;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The key under which a backend may keep what it made of a module (compiled code, parsed form):
 * the SHA-256 of the exact bytes it compiled, so a module patched differently (another memory
 * limit, added trampolines) never meets another's compiled code.
 */
public final class ModuleDigest {
    private ModuleDigest() {}

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
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
