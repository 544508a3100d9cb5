package org.wasmbpf.host.distribution;

import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A module from an https URL (or http on loopback), checked against its pin before anything runs it. */
final class HttpDownloads {
    /** Far above any module (the largest examples are a few MiB), far below what would exhaust the heap. */
    static final long MAX_MODULE = 512L << 20;

    private final HttpTransport http;

    HttpDownloads(HttpTransport http) {
        this.http = http;
    }

    ModuleArtifact download(URI uri) throws DistributionException {
        HttpResponse<InputStream> response = http.send(HttpTransport.request(uri).GET().build());
        if (response.statusCode() != 200) {
            HttpTransport.discard(response);
            throw DistributionException.fetch("HTTP " + response.statusCode());
        }
        byte[] bytes = HttpTransport.body(response, MAX_MODULE);
        return new ModuleArtifact(bytes, fileName(uri), Digests.of(bytes));
    }

    /** The URL's last path segment, as the file would be named had it been saved. */
    static String fileName(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String last = URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
        return last.isEmpty() || last.contains("/") ? "module" : last;
    }
}
