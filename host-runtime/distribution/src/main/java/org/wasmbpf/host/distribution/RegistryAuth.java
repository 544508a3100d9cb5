package org.wasmbpf.host.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Answers a registry's 401 as docker does: to {@code Basic} with the login from the docker
 * config; to {@code Bearer realm=...,service=...,scope=...} with a token fetched from the realm
 * (with that login, or anonymously without one). The header that worked is reused for the next
 * requests; a push's first upload asks for a wider scope than the pull before it and so gets a
 * new 401, and a new token.
 */
final class RegistryAuth {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_TOKEN_RESPONSE = 1 << 20;

    private final String registry;
    private final HttpTransport http;
    private final DockerConfig config;
    private String header;

    RegistryAuth(String registry, HttpTransport http, DockerConfig config) {
        this.registry = registry;
        this.http = http;
        this.config = config;
    }

    /** The Authorization header to send, once a challenge has been answered. */
    Optional<String> header() {
        return Optional.ofNullable(header);
    }

    /** The Authorization header answering {@code wwwAuthenticate} (null if the 401 had none). */
    String answer(String wwwAuthenticate) throws DistributionException {
        if (wwwAuthenticate == null) {
            throw DistributionException.fetch("registry " + registry + " refused access (HTTP 401) without saying how to log in");
        }
        AuthChallenge challenge = AuthChallenge.parse(wwwAuthenticate);
        Optional<Credentials> login = config.credentialsFor(registry);
        header = switch (challenge.scheme()) {
            case "basic" -> "Basic " + basic(login.orElseThrow(this::noLogin));
            case "bearer" -> "Bearer " + token(challenge, login);
            default -> throw DistributionException.fetch("registry " + registry + " asks for '" + challenge.scheme()
                    + "' authentication, which is not supported (Basic, Bearer)");
        };
        return header;
    }

    /** Why the answer was refused, for the 401 that follows it. */
    DistributionException refused() {
        boolean hasLogin;
        try {
            hasLogin = config.credentialsFor(registry).isPresent();
        } catch (DistributionException e) {
            return e;
        }
        return hasLogin
                ? DistributionException.fetch("registry " + registry + " refused the login from " + config.path() + " (HTTP 401)")
                : noLogin();
    }

    private DistributionException noLogin() {
        return DistributionException.fetch("registry " + registry + " requires a login (HTTP 401) and " + config.path()
                + " has none for it (docker login " + registry + ")");
    }

    private static String basic(Credentials c) {
        return Base64.getEncoder().encodeToString((c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
    }

    private String token(AuthChallenge challenge, Optional<Credentials> login) throws DistributionException {
        String realm = challenge.param("realm");
        if (realm == null || realm.isEmpty()) {
            throw DistributionException.fetch("registry " + registry + "'s Bearer challenge names no realm");
        }
        List<String> query = new ArrayList<>();
        addParam(query, "service", challenge.param("service"));
        addParam(query, "scope", challenge.param("scope"));
        HttpRequest request;
        if (login.isPresent() && login.get().identityToken() != null) {
            // docker's OAuth2 flow for an identity token: a refresh-token grant, by POST.
            List<String> form = new ArrayList<>(query);
            addParam(form, "grant_type", "refresh_token");
            addParam(form, "refresh_token", login.get().identityToken());
            addParam(form, "client_id", "wasm-bpf");
            request = HttpTransport.request(URI.create(realm))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(String.join("&", form)))
                    .build();
        } else {
            URI uri = URI.create(realm + (query.isEmpty() ? "" : (realm.contains("?") ? "&" : "?") + String.join("&", query)));
            HttpRequest.Builder b = HttpTransport.request(uri).GET();
            login.ifPresent(c -> b.header("Authorization", "Basic " + basic(c)));
            request = b.build();
        }
        HttpResponse<InputStream> response = http.send(request);
        byte[] body = HttpTransport.body(response, MAX_TOKEN_RESPONSE);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw login.isPresent() ? DistributionException.fetch("the token service of " + registry
                    + " refused the login from " + config.path() + " (HTTP " + response.statusCode() + ")") : noLogin();
        }
        if (response.statusCode() != 200) {
            throw DistributionException.fetch("the token service of " + registry + " answered HTTP " + response.statusCode());
        }
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode token = json.hasNonNull("token") ? json.get("token") : json.get("access_token");
            if (token == null || !token.isTextual() || token.asText().isEmpty()) {
                throw DistributionException.fetch("the token service of " + registry + " sent no token");
            }
            return token.asText();
        } catch (IOException e) {
            throw DistributionException.fetch("the token service of " + registry + " sent no JSON");
        }
    }

    private static void addParam(List<String> params, String name, String value) {
        if (value != null && !value.isEmpty()) {
            params.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
