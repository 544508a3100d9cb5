package org.wasmbpf.host.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token dance against a registry stand-in on loopback (no registry package does Bearer
 * without a token server): 401 with a Bearer challenge, a token fetched from the realm with the
 * docker config's login, the request retried with it; a blob redirected to another host gets no
 * Authorization header.
 */
class BearerRegistryTest {
    private static final byte[] MODULE = {0, 'a', 's', 'm', 1, 0, 0, 0};
    private static final String SCOPE = "repository:tools/app:pull";

    @TempDir
    Path tmp;

    private HttpServer server;
    private int port;
    private final List<String> storageAuthorizations = new CopyOnWriteArrayList<>();
    private byte[] manifest;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        port = server.getAddress().getPort();
        Descriptor config = Descriptor.of(MediaTypes.WASM_CONFIG, "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        Descriptor layer = Descriptor.of(MediaTypes.WASM_LAYER, MODULE, Map.of(MediaTypes.TITLE, "app.wasm"));
        manifest = OciManifest.write(config, layer);
        server.createContext("/token", this::token);
        server.createContext("/v2/tools/app/manifests/v1", e -> {
            if (authorized(e)) {
                e.getResponseHeaders().add("Content-Type", MediaTypes.OCI_MANIFEST);
                e.getResponseHeaders().add("Docker-Content-Digest", Digests.of(manifest));
                send(e, 200, manifest);
            }
        });
        server.createContext("/v2/tools/app/blobs/" + layer.digest(), e -> {
            if (authorized(e)) {
                // Storage elsewhere: "localhost" is another host than "127.0.0.1" to the client.
                e.getResponseHeaders().add("Location", "http://localhost:" + port + "/storage/blob");
                send(e, 307, new byte[0]);
            }
        });
        server.createContext("/storage/blob", e -> {
            storageAuthorizations.add(String.valueOf(e.getRequestHeaders().getFirst("Authorization")));
            send(e, 200, MODULE);
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void token(HttpExchange e) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString("user:pass".getBytes(StandardCharsets.UTF_8));
        String query = e.getRequestURI().getQuery();
        if (!expected.equals(e.getRequestHeaders().getFirst("Authorization"))
                || !query.contains("service=test") || !query.contains("scope=" + SCOPE)) {
            send(e, 401, "{}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(e, 200, "{\"token\":\"good-token\"}".getBytes(StandardCharsets.UTF_8));
    }

    private boolean authorized(HttpExchange e) throws IOException {
        if ("Bearer good-token".equals(e.getRequestHeaders().getFirst("Authorization"))) {
            return true;
        }
        e.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://127.0.0.1:" + port
                + "/token\",service=\"test\",scope=\"" + SCOPE + "\"");
        send(e, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}"
                .getBytes(StandardCharsets.UTF_8));
        return false;
    }

    private static void send(HttpExchange e, int status, byte[] body) throws IOException {
        e.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            e.getResponseBody().write(body);
        }
        e.close();
    }

    private RegistryClient client(String user, String password) throws Exception {
        Path config = tmp.resolve(user + "-config.json");
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Files.writeString(config, "{\"auths\":{\"127.0.0.1:" + port + "\":{\"auth\":\"" + auth + "\"}}}");
        return new RegistryClient("127.0.0.1:" + port, "127.0.0.1", new HttpTransport(), DockerConfig.load(config));
    }

    @Test
    void aTokenFromTheRealmOpensTheRegistryAndStaysWithIt() throws Exception {
        OciReference ref = OciReference.parse("oci://127.0.0.1:" + port + "/tools/app:v1");
        ModuleArtifact pulled = OciPull.pull(client("user", "pass"), ref, null, ContentCache.at(null));
        assertArrayEquals(MODULE, pulled.bytes());
        assertEquals("app.wasm", pulled.fileName());
        assertEquals(List.of("null"), storageAuthorizations, "no registry token for the storage host");
    }

    @Test
    void aRefusedLoginSaysSo() throws Exception {
        OciReference ref = OciReference.parse("oci://127.0.0.1:" + port + "/tools/app:v1");
        DistributionException e = assertThrows(DistributionException.class,
                () -> OciPull.pull(client("user", "wrong"), ref, null, ContentCache.at(null)));
        assertEquals(DistributionException.Kind.FETCH, e.kind());
        assertTrue(e.getMessage().contains("token service of 127.0.0.1:" + port + " refused the login"), e.getMessage());
    }
}
