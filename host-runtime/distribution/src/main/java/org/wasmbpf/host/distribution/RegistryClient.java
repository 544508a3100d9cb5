package org.wasmbpf.host.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The few calls of the OCI distribution API (v2) a module needs, against one registry: blobs
 * checked with HEAD and uploaded in one POST + PUT (monolithic, the one every registry takes),
 * manifests put by tag and got by tag or digest. Each call answers a 401 once through
 * {@link RegistryAuth} and retries.
 */
public final class RegistryClient {
    /** The spec's limit a registry may put on a manifest; ours are a few hundred bytes. */
    private static final long MAX_MANIFEST = 4 << 20;
    private static final long MAX_ERROR_BODY = 64 << 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String registry;
    private final String base;
    private final HttpTransport http;
    private final RegistryAuth auth;

    RegistryClient(String registry, String host, HttpTransport http, DockerConfig config) {
        this.registry = registry;
        this.base = TransportPolicy.registryScheme(host) + "://" + registry + "/v2/";
        this.http = http;
        this.auth = new RegistryAuth(registry, http, config);
    }

    /** A client for {@code ref}'s registry with the logins of this process's docker config. */
    public static RegistryClient forReference(OciReference ref) throws DistributionException {
        return new RegistryClient(ref.registry(), ref.host(), new HttpTransport(), DockerConfig.load());
    }

    /** A manifest as the registry sent it, with the digest it claims for it (null if it sent none). */
    record FetchedManifest(byte[] bytes, String contentType, String claimedDigest) {}

    boolean hasBlob(String repository, String digest) throws DistributionException {
        HttpResponse<InputStream> r = send(() -> request(repository + "/blobs/" + digest).method("HEAD",
                HttpRequest.BodyPublishers.noBody()));
        HttpTransport.discard(r);
        return r.statusCode() == 200;
    }

    void pushBlob(String repository, byte[] bytes, String digest) throws DistributionException {
        HttpResponse<InputStream> started = send(() -> request(repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()));
        expect(started, 202, "starting the upload of " + digest);
        URI location = started.uri().resolve(started.headers().firstValue("Location").orElseThrow(() ->
                DistributionException.fetch("registry " + registry + " started an upload without a Location")));
        String query = location.getRawQuery();
        URI put = URI.create(location.toString() + (query == null ? "?" : "&") + "digest=" + digest);
        HttpResponse<InputStream> done = send(() -> HttpTransport.request(put)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        expect(done, 201, "uploading " + digest);
    }

    /** Puts the manifest under {@code tag}; returns the digest the registry gives it (null if none). */
    String putManifest(String repository, String tag, byte[] manifest) throws DistributionException {
        HttpResponse<InputStream> r = send(() -> request(repository + "/manifests/" + tag)
                .header("Content-Type", MediaTypes.OCI_MANIFEST)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
        expect(r, 201, "putting the manifest");
        return r.headers().firstValue("Docker-Content-Digest").orElse(null);
    }

    FetchedManifest getManifest(OciReference ref) throws DistributionException {
        HttpResponse<InputStream> r = send(() -> request(ref.repository() + "/manifests/" + ref.manifestReference())
                .header("Accept", MediaTypes.OCI_MANIFEST + ", " + MediaTypes.OCI_INDEX)
                .GET());
        if (r.statusCode() == 404) {
            String what = ref.digest() != null ? "manifest " + ref.digest() : "tag '" + ref.tag() + "'";
            throw DistributionException.fetch(what + " not found in " + registry + "/" + ref.repository() + " ("
                    + describe(r) + ")");
        }
        expect(r, 200, "getting the manifest");
        return new FetchedManifest(HttpTransport.body(r, MAX_MANIFEST),
                r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("Docker-Content-Digest").orElse(null));
    }

    /** The blob {@code layer} names, checked against its size and digest. */
    byte[] getBlob(String repository, Descriptor layer) throws DistributionException {
        HttpResponse<InputStream> r = send(() -> request(repository + "/blobs/" + layer.digest()).GET());
        expect(r, 200, "getting blob " + layer.digest());
        // One byte more than the descriptor says, so a longer blob is caught as such.
        byte[] bytes = readAtMost(r, layer.size() + 1);
        layer.verify(bytes, "blob");
        return bytes;
    }

    private static byte[] readAtMost(HttpResponse<InputStream> r, long max) throws DistributionException {
        try (InputStream in = r.body()) {
            return in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8));
        } catch (IOException e) {
            throw new DistributionException(DistributionException.Kind.FETCH, "reading a blob failed: " + e.getMessage(), e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpTransport.request(URI.create(base + path));
    }

    private HttpResponse<InputStream> send(Supplier<HttpRequest.Builder> request) throws DistributionException {
        HttpRequest.Builder first = request.get();
        Optional<String> known = auth.header();
        known.ifPresent(h -> first.header("Authorization", h));
        HttpResponse<InputStream> r = http.send(first.build());
        if (r.statusCode() != 401) {
            return r;
        }
        HttpTransport.discard(r);
        String answer = auth.answer(r.headers().firstValue("WWW-Authenticate").orElse(null));
        HttpResponse<InputStream> retried = http.send(request.get().header("Authorization", answer).build());
        if (retried.statusCode() == 401) {
            HttpTransport.discard(retried);
            throw auth.refused();
        }
        return retried;
    }

    private void expect(HttpResponse<InputStream> r, int status, String doing) throws DistributionException {
        if (r.statusCode() != status) {
            throw DistributionException.fetch(doing + " failed: " + describe(r));
        }
    }

    /** {@code HTTP 404 MANIFEST_UNKNOWN: manifest unknown}, from the registry's error body when it sent one. */
    private static String describe(HttpResponse<InputStream> r) {
        String status = "HTTP " + r.statusCode();
        try {
            JsonNode error = JSON.readTree(HttpTransport.body(r, MAX_ERROR_BODY)).path("errors").path(0);
            if (error.has("code")) {
                return status + " " + error.path("code").asText() + ": " + error.path("message").asText();
            }
        } catch (IOException | DistributionException | RuntimeException e) {
            // no error body worth quoting
        }
        return status;
    }
}
