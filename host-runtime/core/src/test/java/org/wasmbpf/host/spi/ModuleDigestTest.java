package org.wasmbpf.host.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModuleDigestTest {
    @Test
    void isTheSha256OfTheBytesInHex() {
        // The published SHA-256 of "abc" (FIPS 180-2, appendix B.1).
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                ModuleDigest.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void oneChangedByteChangesTheKey() {
        byte[] a = {0, 'a', 's', 'm', 1, 0, 0, 0};
        byte[] b = a.clone();
        b[7] = 1;
        assertNotEquals(ModuleDigest.sha256Hex(a), ModuleDigest.sha256Hex(b));
    }
}
