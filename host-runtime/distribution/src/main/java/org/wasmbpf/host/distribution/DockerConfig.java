package org.wasmbpf.host.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The registry logins {@code docker login} (and podman, skopeo, ORAS with {@code --authfile})
 * keep in {@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json}: under
 * {@code "auths"}, per registry, {@code "auth"} (base64 of {@code user:password}) or
 * {@code "identitytoken"}. Credential helpers ({@code credsStore}) are not run: they are other
 * programs, and a module fetch should not start them behind the user's back.
 */
public final class DockerConfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final JsonNode auths;

    private DockerConfig(Path path, JsonNode auths) {
        this.path = path;
        this.auths = auths;
    }

    /** The file docker reads: {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
    public static Path defaultPath(Map<String, String> env, String home) {
        String dir = env.get("DOCKER_CONFIG");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir, "config.json");
        }
        return Path.of(home, ".docker", "config.json");
    }

    /** The config of this process's environment. */
    public static DockerConfig load() throws DistributionException {
        return load(defaultPath(System.getenv(), System.getProperty("user.home")));
    }

    /** Reads {@code file}; a missing file has no logins, a malformed one is an error (not silently no login). */
    public static DockerConfig load(Path file) throws DistributionException {
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(file));
            JsonNode auths = root == null ? null : root.get("auths");
            return new DockerConfig(file, auths != null && auths.isObject() ? auths : JSON.createObjectNode());
        } catch (NoSuchFileException e) {
            return new DockerConfig(file, JSON.createObjectNode());
        } catch (IOException e) {
            throw DistributionException.fetch("cannot read docker config " + file + ": " + firstLine(e.getMessage()));
        }
    }

    public Path path() {
        return path;
    }

    /** The login for {@code registry} ({@code host[:port]}); keys may carry a scheme and path, as old docker wrote them. */
    public Optional<Credentials> credentialsFor(String registry) throws DistributionException {
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (hostPart(entry.getKey()).equalsIgnoreCase(registry)) {
                return credentials(entry.getValue());
            }
        }
        return Optional.empty();
    }

    private Optional<Credentials> credentials(JsonNode entry) throws DistributionException {
        String token = text(entry, "identitytoken");
        String auth = text(entry, "auth");
        String user = text(entry, "username");
        String password = text(entry, "password");
        if (auth != null && !auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw DistributionException.fetch("docker config " + path + ": \"auth\" is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw DistributionException.fetch("docker config " + path + ": \"auth\" is not base64 of user:password");
            }
            user = decoded.substring(0, colon);
            password = decoded.substring(colon + 1);
        }
        if (token != null && !token.isEmpty()) {
            return Optional.of(new Credentials(user, password, token));
        }
        return user != null && password != null ? Optional.of(new Credentials(user, password, null)) : Optional.empty();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** {@code https://host:port/v1/} as {@code host:port}. */
    static String hostPart(String key) {
        String k = key;
        int scheme = k.indexOf("://");
        if (scheme >= 0) {
            k = k.substring(scheme + 3);
        }
        int slash = k.indexOf('/');
        return slash >= 0 ? k.substring(0, slash) : k;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl >= 0 ? message.substring(0, nl) : message;
    }
}
