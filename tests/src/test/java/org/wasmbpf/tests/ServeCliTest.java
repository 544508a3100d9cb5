package org.wasmbpf.tests;

import java.util.HexFormat;
import java.security.MessageDigest;
import java.net.InetSocketAddress;
import java.net.InetAddress;
import com.sun.net.httpserver.HttpServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.host.ExitCodes;
import org.wasmbpf.tests.support.CliProcess;
import org.wasmbpf.tests.support.KernelObjects;
import org.wasmbpf.tests.support.LineCollector;
import org.wasmbpf.tests.support.Repo;
import org.wasmbpf.tests.support.ServeProcess;
import org.wasmbpf.tests.support.ServeProcess.Reply;

/**
 * {@code wasm-bpf serve} driven with curl: runs started, listed, followed, hot-updated and
 * deleted on a unix socket; the token on TCP; malformed requests; and nothing left in the kernel
 * after deletes, SIGTERM or SIGKILL of the server.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ServeCliTest {
    private static final Duration EVENT = Duration.ofSeconds(30);
    private static final String HEADER = "TIME +EVENT +COMM +PID +PPID +FILENAME/EXIT CODE";

    @TempDir
    Path tmp;

    @Test
    void postListFollowUpdateAndDeleteOnAUnixSocket() throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        Path socket = tmp.resolve("s.sock");
        try (ServeProcess serve = ServeProcess.unix(socket)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            Reply posted = serve.postModule(Repo.cExample("bootstrap"), "name=bootstrap.wasm");
            assertEquals(201, posted.status(), posted.toString());
            String id = posted.json().get("id").asText();
            assertTrue(id.matches("[0-9a-f]{12}"), id);

            JsonNode listed = serve.curl("/v1/runs").json();
            assertEquals(1, listed.size(), listed.toString());
            assertEquals(id, listed.get(0).get("id").asText());
            assertEquals("running", listed.get(0).get("state").asText());
            assertEquals("bootstrap.wasm", listed.get(0).get("module").asText());
            assertEquals(64, listed.get(0).get("sha256").asText().length());

            LineCollector log = new LineCollector();
            Process follower = serve.follow(id, log);
            try {
                log.awaitLine(l -> l.matches(HEADER), EVENT);
                long sh = spawnAndWait(7, "sh", "-c", "exit 7");
                String exit = log.awaitLine(l -> isEvent(l, "EXIT", sh), EVENT);
                assertTrue(exit.contains("[7]"), exit);
            } finally {
                follower.destroy();
            }
            String metrics = serve.curl("/metrics").body();
            assertTrue(metrics.contains("wasm_bpf_run_events_delivered_total{module=\"bootstrap.wasm\",run_id=\""
                    + id + "\"}"), metrics);
            assertTrue(metrics.contains("wasm_bpf_run_events_lost_total{module=\"bootstrap.wasm\",run_id=\""
                    + id + "\"} 0.0"), "bootstrap's ring buffer loses nothing the host could count: " + metrics);
            assertTrue(metrics.contains("wasm_bpf_runs_active 1.0"), metrics);

            // Hot update: another module (bootstrap with -d 1 under another name) under the same id.
            Reply updated = serve.curl("-X", "PUT", "-H", "Content-Type: application/wasm", "--data-binary",
                    "@" + Repo.cExample("bootstrap"), "/v1/runs/" + id + "?name=b2.wasm&arg=-d&arg=1");
            assertEquals(200, updated.status(), updated.toString());
            assertEquals(id, updated.json().get("id").asText());
            assertTrue(updated.json().get("update_ms").asLong() >= 0, updated.toString());
            JsonNode after = serve.curl("/v1/runs/" + id).json();
            assertEquals("b2.wasm", after.get("module").asText(), after.toString());
            assertEquals("running", after.get("state").asText(), after.toString());
            assertEquals(1, after.get("updates").asInt(), after.toString());
            LineCollector log2 = new LineCollector();
            Process follower2 = serve.follow(id, log2);
            try {
                log2.awaitLine(l -> l.startsWith("wasm-bpf: module replaced by b2.wasm"), EVENT);
                log2.awaitLine(l -> l.equals("wasm-bpf: bootstrap.wasm (replaced) exited with code 0"), EVENT);
                // -d 1: exits shorter than 1 ms are left out, so sleep 0.1 shows and tells the new module runs
                long sleeper = spawnAndWait(0, "sleep", "0.1");
                log2.awaitLine(l -> isEvent(l, "EXIT", sleeper), EVENT);
            } finally {
                follower2.destroy();
            }

            Reply deleted = serve.curl("-X", "DELETE", "/v1/runs/" + id);
            assertEquals(204, deleted.status(), deleted.toString());
            assertEquals("[]", serve.curl("/v1/runs").body().trim());
            assertEquals(404, serve.curl("-X", "DELETE", "/v1/runs/" + id).status());
            assertNothingLeft(before);
        }
    }

    @Test
    void jsonRequestsAndMalformedOnesGetOneLineJsonErrors() throws Exception {
        Path socket = tmp.resolve("s.sock");
        try (ServeProcess serve = ServeProcess.unix(socket)) {
            assertError(serve.curl("-X", "POST", "-H", "Content-Type: application/json", "-d", "{bad", "/v1/runs"),
                    400, "malformed JSON");
            assertError(serve.curl("-X", "POST", "-H", "Content-Type: application/wasm", "-d", "hello", "/v1/runs"),
                    400, "module rejected (not_wasm)");
            assertError(serve.curl("-X", "POST", "-H", "Content-Type: application/json", "-d", "{\"args\": []}",
                    "/v1/runs"), 400, "missing module_base64");
            assertError(serve.curl("-X", "POST", "-H", "Content-Type: application/json", "-d",
                    "{\"module_base64\": \"AGFzbQ==\", \"engine\": \"v8\"}", "/v1/runs"), 400, "unknown engine 'v8'");
            assertError(serve.curl("-X", "POST", "-H", "Content-Type: application/json", "-d",
                    "{\"url\": \"http://192.0.2.1/app.wasm\"}", "/v1/runs"), 502, "refused plain http to 192.0.2.1");
            assertError(serve.curl("-X", "POST", "-H", "Content-Type: application/json", "-d",
                    "{\"url\": \"ftp://127.0.0.1/app.wasm\"}", "/v1/runs"), 400, "is not an https:// URL or an oci://");
            assertError(serve.curl("-X", "POST", "-d", "x", "/v1/runs"), 415, "Content-Type must be");
            assertError(serve.curl("/v1/runs/nosuchrun/log"), 404, "no run nosuchrun");
            assertError(serve.curl("-X", "PATCH", "/v1/runs"), 405, "method PATCH not allowed");
            assertEquals("[]", serve.curl("/v1/runs").body().trim(), "nothing started");

            String module = Base64.getEncoder().encodeToString(Files.readAllBytes(Repo.cExample("bootstrap")));
            Path body = tmp.resolve("run.json");
            Files.writeString(body, "{\"module_base64\": \"" + module + "\", \"name\": \"bs.wasm\", \"args\": [\"-d\","
                    + " \"5\"], \"engine\": \"wasmtime\"}");
            Reply posted = serve.curl("-X", "POST", "-H", "Content-Type: application/json", "--data-binary",
                    "@" + body, "/v1/runs");
            assertEquals(201, posted.status(), posted.toString());
            assertEquals("wasmtime", posted.json().get("engine").asText());
            assertEquals("bs.wasm", posted.json().get("module").asText());
            assertEquals(204, serve.curl("-X", "DELETE", "/v1/runs/" + posted.json().get("id").asText()).status());
        }
    }

    @Test
    void aRunCanNameItsModuleByUrlWithAPinnedDigest() throws Exception {
        byte[] wasm = Files.readAllBytes(Repo.cExample("bootstrap"));
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(wasm));
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/bootstrap.wasm", exchange -> {
            exchange.sendResponseHeaders(200, wasm.length);
            exchange.getResponseBody().write(wasm);
            exchange.close();
        });
        http.start();
        KernelObjects before = KernelObjects.snapshot();
        try (ServeProcess serve = ServeProcess.unix(tmp.resolve("s.sock"))) {
            String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/bootstrap.wasm";
            assertError(serve.curl("-X", "POST", "-H", "Content-Type: application/json", "-d",
                    "{\"url\": \"" + url + "\", \"sha256\": \"" + "0".repeat(64) + "\"}", "/v1/runs"), 502,
                    "not the pinned sha256:");
            Reply posted = serve.curl("-X", "POST", "-H", "Content-Type: application/json", "-d",
                    "{\"url\": \"" + url + "\", \"sha256\": \"" + hex + "\"}", "/v1/runs");
            assertEquals(201, posted.status(), posted.toString());
            assertEquals("bootstrap.wasm", posted.json().get("module").asText(), "named after the URL's file");
            assertEquals(204, serve.curl("-X", "DELETE", "/v1/runs/" + posted.json().get("id").asText()).status());
        } finally {
            http.stop(0);
        }
        assertNothingLeft(before);
    }

    @Test
    void tcpNeedsTheTokenAndAServerWithoutATokenFileDoesNotStart() throws Exception {
        try (CliProcess noToken = CliProcess.start("serve", "--listen", "127.0.0.1:0")) {
            assertEquals(ExitCodes.USAGE, noToken.waitFor(ServeProcess.START), noToken.transcript());
            assertEquals(List.of("wasm-bpf: --listen 127.0.0.1:0 is TCP, which needs --token-file (or listen on"
                    + " unix:PATH)"), noToken.stderr());
        }
        String token = "t0ken-" + Long.toHexString(System.nanoTime()) + "-abcdefgh";
        Path tokenFile = tmp.resolve("token");
        Files.writeString(tokenFile, token + "\n");
        try (ServeProcess serve = ServeProcess.tcp(tokenFile, token)) {
            assertError(serve.curlWithToken(null, "/v1/runs"), 401, "missing or wrong bearer token");
            assertError(serve.curlWithToken(token + "x", "/v1/runs"), 401, "missing or wrong bearer token");
            assertError(serve.curlWithToken(null, "/metrics"), 401, "missing or wrong bearer token");
            assertError(serve.curlWithToken(null, "-X", "POST", "-H", "Content-Type: application/wasm",
                    "--data-binary", "@" + Repo.cExample("bootstrap"), "/v1/runs"), 401, "bearer token");
            assertEquals("[]", serve.curl("/v1/runs").body().trim(), "a refused POST started nothing");
            assertEquals(200, serve.curl("/metrics").status());
        }
    }

    @Test
    void sigtermStopsEveryRunAndExitsZero() throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        Path socket = tmp.resolve("s.sock");
        try (ServeProcess serve = withTwoRuns(socket)) {
            serve.cli().signal("TERM");
            assertEquals(0, serve.cli().waitFor(Duration.ofSeconds(30)), serve.cli().transcript());
            assertFalse(Files.exists(socket), "the socket file is removed");
        }
        assertNothingLeft(before);
    }

    @Test
    void sigkillLeavesNothingInTheKernelAndTheNextServerTakesOverTheStaleSocket() throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        Path socket = tmp.resolve("s.sock");
        try (ServeProcess serve = withTwoRuns(socket)) {
            try (ServeProcess second = ServeProcess.unix(socket)) {
                throw new AssertionError("a second server took the socket of a running one");
            } catch (AssertionError expected) {
                assertTrue(expected.getMessage().contains("another server is listening there"),
                        expected.getMessage());
            }
            serve.cli().signal("KILL");
            serve.cli().waitFor(Duration.ofSeconds(30));
        }
        assertNothingLeft(before);
        assertTrue(Files.exists(socket), "SIGKILL leaves the socket file");
        try (ServeProcess next = ServeProcess.unix(socket)) {
            assertEquals("[]", next.curl("/v1/runs").body().trim());
        }
    }

    /** A server on {@code socket} running bootstrap twice. */
    private static ServeProcess withTwoRuns(Path socket) throws Exception {
        ServeProcess serve = ServeProcess.unix(socket);
        for (int i = 0; i < 2; i++) {
            Reply r = serve.postModule(Repo.cExample("bootstrap"), "");
            if (r.status() != 201) {
                serve.close();
                throw new AssertionError("POST: " + r);
            }
        }
        return serve;
    }

    static void assertError(Reply reply, int status, String message) throws Exception {
        assertEquals(status, reply.status(), reply.toString());
        assertEquals(1, reply.body().trim().lines().count(), "one line: " + reply);
        assertTrue(reply.json().get("error").asText().contains(message), reply.toString());
    }

    static void assertNothingLeft(KernelObjects before) throws InterruptedException {
        KernelObjects leaked = KernelObjects.leakedSince(before, 5000);
        assertTrue(leaked.isEmpty(), "left in the kernel: " + leaked.entries());
    }

    static boolean isEvent(String line, String event, long pid) {
        String[] f = line.trim().split(" +", 6);
        return f.length >= 6 && f[1].equals(event) && f[3].equals(Long.toString(pid));
    }

    static long spawnAndWait(int expectedExit, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "spawned process did not end");
        assertEquals(expectedExit, p.exitValue(), "exit code of " + String.join(" ", cmd));
        return p.pid();
    }
}
