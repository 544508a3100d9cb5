package org.wasmbpf.host.distribution;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 digests as OCI writes them ({@code sha256:<64 lowercase hex>}) and as bare hex. */
public final class Digests {
    public static final String PREFIX = "sha256:";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private Digests() {}

    /** The lowercase hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** {@code sha256:<hex>} of {@code bytes}. */
    public static String of(byte[] bytes) {
        return PREFIX + sha256Hex(bytes);
    }

    /**
     * A pin as a user types it ({@code HEX}, {@code HEX} in capitals, or {@code sha256:HEX}) as
     * {@code sha256:<lowercase hex>}; {@code null} if it is none.
     */
    public static String parsePin(String text) {
        String hex = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (hex.startsWith(PREFIX)) {
            hex = hex.substring(PREFIX.length());
        }
        return HEX.matcher(hex).matches() ? PREFIX + hex : null;
    }

    /** Whether {@code digest} is {@code sha256:} and 64 lowercase hex digits (the only algorithm taken). */
    public static boolean isSha256(String digest) {
        return digest != null && digest.startsWith(PREFIX) && HEX.matcher(digest.substring(PREFIX.length())).matches();
    }

    /** The hex part of a {@code sha256:} digest. */
    static String hex(String digest) {
        return digest.substring(PREFIX.length());
    }
}
