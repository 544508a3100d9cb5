package org.wasmbpf.host.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OciReferenceTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void hostPortRepositoryAndTag() {
        OciReference r = OciReference.parse("oci://127.0.0.1:5000/tools/bootstrap:v1.2");
        assertEquals("127.0.0.1:5000", r.registry());
        assertEquals("127.0.0.1", r.host());
        assertEquals("tools/bootstrap", r.repository());
        assertEquals("v1.2", r.tag());
        assertNull(r.digest());
        assertEquals("v1.2", r.manifestReference());
        assertEquals("oci://127.0.0.1:5000/tools/bootstrap:v1.2", r.toString());
    }

    @Test
    void theTagDefaultsToLatest() {
        OciReference r = OciReference.parse("oci://ghcr.io/eunomia-bpf/sigsnoop");
        assertEquals("ghcr.io", r.registry());
        assertEquals("latest", r.tag());
        assertEquals("oci://ghcr.io/eunomia-bpf/sigsnoop:latest", r.toString());
    }

    @Test
    void aDigestIsWhatIsFetchedAndNoTagIsInvented() {
        OciReference r = OciReference.parse("oci://localhost:5000/app@" + DIGEST);
        assertNull(r.tag());
        assertEquals(DIGEST, r.manifestReference());
        OciReference both = OciReference.parse("oci://localhost:5000/app:v1@" + DIGEST);
        assertEquals("v1", both.tag());
        assertEquals(DIGEST, both.manifestReference());
        assertEquals("oci://localhost:5000/app:v1@" + DIGEST, both.toString());
    }

    @Test
    void ipv6RegistryInBrackets() {
        OciReference r = OciReference.parse("oci://[::1]:5000/app:t");
        assertEquals("[::1]:5000", r.registry());
        assertEquals("::1", r.host());
    }

    @Test
    void aPortIsNotTakenForATag() {
        OciReference r = OciReference.parse("oci://host:5000/app");
        assertEquals("host:5000", r.registry());
        assertEquals("latest", r.tag());
    }

    @ParameterizedTest
    @ValueSource(strings = {"oci://", "oci://host", "oci://host/", "oci://host/App:v1", "oci://host/app:", "oci://host/app:-x",
            "oci://host/app@sha256:abc", "oci://host/app@md5:" + "ab", "oci://ho st/app", "oci://host/a//b",
            "docker://host/app", "oci://host/app:v1:v2"})
    void malformedReferencesAreRefusedWithAReason(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OciReference.parse(text));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        assertTrue(OciReference.isOci("OCI://host/app"));
        assertFalse(OciReference.isOci("/tmp/oci/app.wasm"));
    }
}
