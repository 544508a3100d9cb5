package org.wasmbpf.host.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * HTTP for downloads and registries, with the {@link TransportPolicy} applied to every hop:
 * redirects are followed here rather than by the client, which would follow an https URL that
 * redirects to plain http on another host, and would forward a registry's credentials to the
 * storage host a blob redirects to.
 */
final class HttpTransport {
    private static final int MAX_REDIRECTS = 5;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Until the response's headers arrive; a body then streams for as long as it takes. */
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            // HTTP/2 over plain http would first offer an h2c upgrade, which some registries and
            // proxies answer badly when the request has a body (a blob upload).
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();

    /** A request builder for {@code uri} with the timeout every request gets. */
    static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(RESPONSE_TIMEOUT).header("User-Agent", "wasm-bpf");
    }

    /**
     * Sends {@code request} (after checking its URL); a GET or HEAD follows redirects, each
     * checked, without its Authorization header once it leaves the original host.
     */
    HttpResponse<InputStream> send(HttpRequest request) throws DistributionException {
        HttpRequest current = request;
        for (int hop = 0; ; hop++) {
            TransportPolicy.check(current.uri());
            HttpResponse<InputStream> response = exchange(current);
            int status = response.statusCode();
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            boolean safe = current.method().equals("GET") || current.method().equals("HEAD");
            if (!redirect || !safe) {
                return response;
            }
            discard(response);
            String location = response.headers().firstValue("Location").orElseThrow(() ->
                    DistributionException.fetch("HTTP " + status + " redirect without a Location"));
            if (hop == MAX_REDIRECTS) {
                throw DistributionException.fetch("more than " + MAX_REDIRECTS + " redirects");
            }
            URI next = current.uri().resolve(location);
            boolean sameHost = Objects.equals(next.getHost(), request.uri().getHost())
                    && next.getPort() == request.uri().getPort();
            current = HttpRequest.newBuilder(current, (name, value) -> sameHost || !name.equalsIgnoreCase("Authorization"))
                    .uri(next)
                    .build();
        }
    }

    private HttpResponse<InputStream> exchange(HttpRequest request) throws DistributionException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw DistributionException.fetch("no answer from " + request.uri().getAuthority() + " within "
                    + RESPONSE_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new DistributionException(DistributionException.Kind.FETCH,
                    "cannot reach " + request.uri().getAuthority() + ": " + why, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DistributionException.fetch("interrupted");
        }
    }

    /** The body, refusing more than {@code max} bytes (a server that never ends must not fill the heap). */
    static byte[] body(HttpResponse<InputStream> response, long max) throws DistributionException {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > max) {
                throw DistributionException.fetch("response from " + response.uri().getAuthority()
                        + " is larger than " + max + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new DistributionException(DistributionException.Kind.FETCH, "reading from "
                    + response.uri().getAuthority() + " failed: " + e.getMessage(), e);
        }
    }

    static void discard(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.skip(Long.MAX_VALUE);
        } catch (IOException e) {
            // the connection is dropped instead of reused
        }
    }
}
