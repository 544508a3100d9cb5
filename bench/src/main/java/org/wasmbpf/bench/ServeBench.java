package org.wasmbpf.bench;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code wasm-bpf serve}'s two latencies a user of the API waits for, against a server started
 * here (the shipped jar, TCP on 127.0.0.1 with a token, so the JDK's HTTP client measures it
 * without a curl process per request):
 *
 * <ul>
 *   <li>POST-to-attached: from sending the module to its first line in the run's log, bootstrap's
 *       header, which it prints once its programs are attached;
 *   <li>update: a PUT of the same module, from sending it to the reply, which comes once the new
 *       guest runs and the old one has exited.
 * </ul>
 *
 * <pre>java -cp bench/target/classes org.wasmbpf.bench.ServeBench host-runtime/cli/target/wasm-bpf.jar
 *     examples-c/target/bootstrap.wasm [REPS]</pre>
 */
public final class ServeBench {
    private static final Pattern LISTENING = Pattern.compile("wasm-bpf serve: listening on (\\S+)");
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f]+)\"");
    private static final Pattern UPDATE_MS = Pattern.compile("\"update_ms\":(\\d+)");
    private static final Pattern STARTED_MS = Pattern.compile("\"started_ms\":(\\d+)");
    private static final int WARMUP = 3;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String authorization;

    private ServeBench(String base, String token) {
        this.base = base;
        this.authorization = "Bearer " + token;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ServeBench WASM-BPF.JAR APP.wasm [REPS]");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        byte[] module = Files.readAllBytes(Path.of(args[1]));
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path tmp = Files.createTempDirectory("serve-bench");
        String token = "bench-" + Long.toHexString(System.nanoTime()) + "-token";
        Path tokenFile = Files.writeString(tmp.resolve("token"), token + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (LineProcess server = LineProcess.start("serve", List.of(java, "-jar", jar.toString(), "serve",
                "--listen", "127.0.0.1:0", "--token-file", tokenFile.toString()))) {
            Matcher m = LISTENING.matcher(server.await(l -> LISTENING.matcher(l.text()).find(), 60_000).text());
            m.find();
            new ServeBench("http://" + m.group(1), token).measure(module, reps);
        } finally {
            try (Stream<Path> files = Files.list(tmp)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(tmp);
        }
    }

    private void measure(byte[] module, int reps) throws Exception {
        List<Long> attached = new ArrayList<>();
        List<Long> updates = new ArrayList<>();
        List<Long> serverUpdates = new ArrayList<>();
        List<Long> newStarted = new ArrayList<>();
        for (int i = 0; i < WARMUP + reps; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> posted = send("POST", "/v1/runs?name=bootstrap.wasm", module);
            String id = group(ID, posted.body());
            awaitFirstLogLine(id);
            long postMs = (System.nanoTime() - t0) / 1_000_000;
            long t1 = System.nanoTime();
            HttpResponse<String> put = send("PUT", "/v1/runs/" + id + "?name=bootstrap.wasm", module);
            long putMs = (System.nanoTime() - t1) / 1_000_000;
            check(put, 200);
            send("DELETE", "/v1/runs/" + id, null);
            if (i >= WARMUP) {
                attached.add(postMs);
                updates.add(putMs);
                serverUpdates.add(Long.parseLong(group(UPDATE_MS, put.body())));
                newStarted.add(Long.parseLong(group(STARTED_MS, put.body())));
            }
        }
        System.out.println("serve post_to_attached_ms=" + summary(attached) + " update_ms=" + summary(updates)
                + " (server-side: update_ms=" + summary(serverUpdates) + ", of which the new module's start "
                + summary(newStarted) + "; " + reps + " reps after " + WARMUP
                + " warm-up)");
    }

    /** The run's log followed until its first line: bootstrap prints its header once attached. */
    private void awaitFirstLogLine(String id) throws Exception {
        HttpResponse<InputStream> log = http.send(request("/v1/runs/" + id + "/log").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = log.body()) {
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                // up to the end of the first line
            }
            if (b == -1) {
                throw new BenchException("the run's log ended before its first line");
            }
        }
    }

    private HttpResponse<String> send(String method, String path, byte[] body) throws Exception {
        HttpRequest.Builder r = request(path);
        r.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            r.header("Content-Type", "application/wasm");
        }
        HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        check(response, switch (method) {
            case "POST" -> 201;
            case "DELETE" -> 204;
            default -> 200;
        });
        return response;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization);
    }

    private static void check(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new BenchException(r.request().method() + " " + r.uri() + ": " + r.statusCode() + " " + r.body());
        }
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new BenchException("no " + p + " in " + text);
        }
        return m.group(1);
    }

    /** median (min..max) */
    static String summary(List<Long> ms) {
        long[] s = ms.stream().mapToLong(Long::longValue).sorted().toArray();
        long median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return median + " (" + s[0] + ".." + s[s.length - 1] + ")";
    }
}
