package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.tests.support.Repo;
import org.wasmbpf.tests.support.ServeProcess;
import org.wasmbpf.tests.support.ServeProcess.Reply;

/**
 * A real Prometheus (Debian's, installed by scripts/setup.sh) scrapes {@code /metrics} of a TCP
 * server with the bearer token from a credentials file, and its query API then has the run's
 * events as a series with a value above zero.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ServePrometheusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

    @TempDir
    Path tmp;

    @Test
    void prometheusScrapesTheRunsEventsWithTheToken() throws Exception {
        assertTrue(Files.isExecutable(PROMETHEUS), "no " + PROMETHEUS + ": run scripts/setup.sh");
        String token = "prom-" + Long.toHexString(System.nanoTime()) + "-0123456789";
        Path tokenFile = tmp.resolve("token");
        Files.writeString(tokenFile, token + "\n");
        try (ServeProcess serve = ServeProcess.tcp(tokenFile, token)) {
            Reply posted = serve.postModule(Repo.cExample("bootstrap"), "name=bootstrap.wasm");
            assertEquals(201, posted.status(), posted.toString());
            String id = posted.json().get("id").asText();

            int port = freePort();
            Path config = tmp.resolve("prometheus.yml");
            Files.writeString(config, String.join("\n",
                    "global:",
                    "  scrape_interval: 1s",
                    "scrape_configs:",
                    "  - job_name: wasm-bpf",
                    "    scrape_interval: 1s",
                    "    authorization:",
                    "      credentials_file: " + tokenFile,
                    "    static_configs:",
                    "      - targets: ['" + serve.base().substring("http://".length()) + "']",
                    ""));
            Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + tmp.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("prometheus.log").toFile()).start();
            try {
                String query = "wasm_bpf_run_events_delivered_total{run_id=\"" + id + "\"}";
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                double value = 0;
                while (value <= 0 && System.nanoTime() < deadline) {
                    new ProcessBuilder("sh", "-c", "exit 7").start().waitFor(); // events to count
                    value = query(port, query);
                    if (value <= 0) {
                        Thread.sleep(500);
                    }
                }
                assertTrue(value > 0, "no series " + query + " > 0 in Prometheus within 120 s; its log:\n"
                        + String.join("\n", tail(tmp.resolve("prometheus.log"))));
            } finally {
                prometheus.destroy();
                prometheus.waitFor(30, TimeUnit.SECONDS);
                prometheus.destroyForcibly();
            }
        }
    }

    /** The value of the query's first series, or 0 while it has none (or Prometheus is not up yet). */
    private static double query(int port, String query) throws InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode result = JSON.readTree(r.body()).path("data").path("result");
            return result.size() == 0 ? 0 : Double.parseDouble(result.get(0).get("value").get(1).asText());
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static List<String> tail(Path log) throws java.io.IOException {
        List<String> lines = Files.readAllLines(log);
        return lines.subList(Math.max(0, lines.size() - 30), lines.size());
    }
}
