package org.wasmbpf.host.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigTest {
    @TempDir
    Path tmp;

    private Path config(String json) throws Exception {
        Path file = tmp.resolve("config.json");
        Files.writeString(file, json);
        return file;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void dockerConfigVariableWinsOverHome() {
        assertEquals(Path.of("/etc/dc/config.json"), DockerConfig.defaultPath(Map.of("DOCKER_CONFIG", "/etc/dc"), "/root"));
        assertEquals(Path.of("/root/.docker/config.json"), DockerConfig.defaultPath(Map.of(), "/root"));
    }

    @Test
    void authIsBase64OfUserColonPassword() throws Exception {
        DockerConfig c = DockerConfig.load(config("{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"" + b64("user:pa:ss") + "\"}}}"));
        Credentials login = c.credentialsFor("127.0.0.1:5000").orElseThrow();
        assertEquals("user", login.username());
        assertEquals("pa:ss", login.password(), "only the first colon separates");
        assertNull(login.identityToken());
        assertTrue(c.credentialsFor("127.0.0.1:5001").isEmpty());
    }

    @Test
    void keysWithSchemeAndPathMatchTheirHost() throws Exception {
        DockerConfig c = DockerConfig.load(config("{\"auths\":{\"https://registry.example:443/v1/\":{\"auth\":\""
                + b64("a:b") + "\"}}}"));
        assertEquals("a", c.credentialsFor("registry.example:443").orElseThrow().username());
    }

    @Test
    void identityTokenIsKept() throws Exception {
        DockerConfig c = DockerConfig.load(config("{\"auths\":{\"ghcr.io\":{\"auth\":\"" + b64("<token>:")
                + "\",\"identitytoken\":\"refresh-me\"}}}"));
        assertEquals("refresh-me", c.credentialsFor("ghcr.io").orElseThrow().identityToken());
    }

    @Test
    void aMissingFileHasNoLogins() throws Exception {
        DockerConfig c = DockerConfig.load(tmp.resolve("absent.json"));
        assertTrue(c.credentialsFor("ghcr.io").isEmpty());
    }

    @Test
    void malformedFilesAndAuthAreErrorsNotSilence() throws Exception {
        assertThrows(DistributionException.class, () -> DockerConfig.load(config("{not json")));
        DockerConfig c = DockerConfig.load(config("{\"auths\":{\"h\":{\"auth\":\"" + b64("nocolon") + "\"}}}"));
        assertThrows(DistributionException.class, () -> c.credentialsFor("h"));
    }
}
