package org.wasmbpf.host.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasmbpf.host.distribution.ContentCache;
import org.wasmbpf.host.distribution.ModuleLocator;

/** What the API accepts as a module request and as a listen address, and its one-line refusals. */
class RequestParsingTest {
    /** References are refused before any connection in these cases, so no cache is needed. */
    private static final ModuleLocator NO_FETCH = new ModuleLocator(ContentCache.at(null));

    @Test
    void jsonCarriesTheModuleArgsNameAndEngine() {
        ModuleRequest r = ModuleRequest.ofJson(NO_FETCH, bytes(
                "{\"module_base64\":\"AGFzbQ==\",\"args\":[\"-d\",\"5\"],\"name\":\"b.wasm\",\"engine\":\"wasmtime\"}"));
        assertArrayEquals(new byte[] {0, 'a', 's', 'm'}, r.module());
        assertEquals(List.of("-d", "5"), r.args());
        assertEquals("b.wasm", r.name());
        assertEquals("wasmtime", r.engine());
        assertEquals("app.wasm", ModuleRequest.ofJson(NO_FETCH, bytes("{\"module_base64\":\"\"}")).name());
    }

    @Test
    void badJsonIsRefusedWithTheStatusItDeserves() {
        assertRefused(400, "malformed JSON", "{");
        assertRefused(400, "must be a JSON object", "[1]");
        assertRefused(400, "missing module_base64", "{}");
        assertRefused(400, "not base64", "{\"module_base64\":\"***\"}");
        assertRefused(400, "args must be an array of strings", "{\"module_base64\":\"\",\"args\":[1]}");
        assertRefused(400, "engine must be a string", "{\"module_base64\":\"\",\"engine\":7}");
        assertRefused(400, "is not an https:// URL or an oci:// reference", "{\"oci\":\"ghcr.io/x/y:1\"}");
        assertRefused(400, "sha256: not a SHA-256", "{\"oci\":\"oci://127.0.0.1:1/x:1\",\"sha256\":\"abc\"}");
        assertRefused(502, "refused plain http to 192.0.2.1", "{\"url\":\"http://192.0.2.1/x.wasm\"}");
    }

    @Test
    void listenAddresses() {
        assertEquals(Path.of("/run/x.sock"), ListenAddress.parse("unix:/run/x.sock").unixPath());
        ListenAddress tcp = ListenAddress.parse("127.0.0.1:9464");
        assertEquals("127.0.0.1", tcp.host());
        assertEquals(9464, tcp.port());
        assertEquals("::1", ListenAddress.parse("[::1]:0").host());
        assertEquals("[::1]:0", ListenAddress.parse("[::1]:0").toString());
        for (String bad : List.of("unix:", "9464", "host:", "host:http", "host:70000")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse(bad));
            assertTrue(e.getMessage().startsWith("--listen"), e.getMessage());
        }
    }

    private static void assertRefused(int status, String message, String json) {
        ApiException e = assertThrows(ApiException.class, () -> ModuleRequest.ofJson(NO_FETCH, bytes(json)));
        assertEquals(status, e.status(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
