package org.wasmbpf.host.distribution;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransportPolicyTest {
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "127.0.0.1", "127.255.3.4", "::1", "[::1]", "0:0:0:0:0:0:0:1"})
    void loopback(String host) {
        assertTrue(TransportPolicy.isLoopback(host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "128.0.0.1", "127.0.0.256", "127.0.0", "localhost.example.org",
            "127.0.0.1.nip.io", "::2", "example.org", "10.0.0.1"})
    void notLoopback(String host) {
        assertFalse(TransportPolicy.isLoopback(host));
    }

    @Test
    void httpsIsAllowedAnywhereAndHttpOnlyToLoopback() {
        assertDoesNotThrow(() -> TransportPolicy.check(URI.create("https://example.org/app.wasm")));
        assertDoesNotThrow(() -> TransportPolicy.check(URI.create("http://127.0.0.1:8080/app.wasm")));
        assertDoesNotThrow(() -> TransportPolicy.check(URI.create("http://[::1]:8080/app.wasm")));
        DistributionException e = assertThrows(DistributionException.class,
                () -> TransportPolicy.check(URI.create("http://192.0.2.1/x.wasm")));
        assertEquals(DistributionException.Kind.FETCH, e.kind());
        assertTrue(e.getMessage().startsWith("refused plain http to 192.0.2.1"), e.getMessage());
    }

    @Test
    void otherSchemesAndHostlessUrlsAreRefused() {
        assertThrows(DistributionException.class, () -> TransportPolicy.check(URI.create("ftp://example.org/a.wasm")));
        assertThrows(DistributionException.class, () -> TransportPolicy.check(URI.create("file:///tmp/a.wasm")));
        assertThrows(DistributionException.class, () -> TransportPolicy.check(URI.create("https:///a.wasm")));
    }

    @Test
    void registriesOnLoopbackAreSpokenToInPlainHttp() {
        assertEquals("http", TransportPolicy.registryScheme("127.0.0.1"));
        assertEquals("https", TransportPolicy.registryScheme("ghcr.io"));
    }
}
