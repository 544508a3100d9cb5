package org.wasmbpf.tests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code wasm-bpf serve} as a child process, driven with curl as a user would: on a unix socket,
 * or on 127.0.0.1 (port 0, the bound port read from its first line) with a bearer token.
 */
public final class ServeProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Duration START = Duration.ofSeconds(60);

    private final CliProcess cli;
    private final Path socket;
    private final String base;
    private final String token;

    /** A curl reply: the status and the body. */
    public record Reply(int status, String body) {
        public JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private ServeProcess(CliProcess cli, Path socket, String base, String token) {
        this.cli = cli;
        this.socket = socket;
        this.base = base;
        this.token = token;
    }

    public static ServeProcess unix(Path socket, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("serve", "--listen", "unix:" + socket));
        args.addAll(List.of(options));
        CliProcess cli = CliProcess.start(args.toArray(String[]::new));
        cli.awaitLine(l -> l.startsWith("wasm-bpf serve: listening on "), START);
        return new ServeProcess(cli, socket, "http://localhost", null);
    }

    public static ServeProcess tcp(Path tokenFile, String token, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("serve", "--listen", "127.0.0.1:0", "--token-file",
                tokenFile.toString()));
        args.addAll(List.of(options));
        CliProcess cli = CliProcess.start(args.toArray(String[]::new));
        String line = cli.awaitLine(l -> l.startsWith("wasm-bpf serve: listening on "), START);
        String hostPort = line.substring("wasm-bpf serve: listening on ".length());
        return new ServeProcess(cli, null, "http://" + hostPort, token);
    }

    public CliProcess cli() {
        return cli;
    }

    /** http://HOST:PORT of a TCP server. */
    public String base() {
        return base;
    }

    /** curl with this server's connection and token; {@code args} end with the path. */
    public Reply curl(String... args) throws Exception {
        return curlWithToken(token, args);
    }

    /** As {@link #curl} with another token (null: none). */
    public Reply curlWithToken(String bearer, String... args) throws Exception {
        List<String> cmd = command(bearer, args);
        cmd.addAll(1, List.of("-sS", "-w", "\n%{http_code}", "--max-time", "120"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(130, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("curl did not finish: " + cmd);
        }
        int nl = out.lastIndexOf('\n');
        return new Reply(Integer.parseInt(out.substring(nl + 1).trim()), out.substring(0, nl));
    }

    /** POSTs the module's bytes as application/wasm; {@code query} such as {@code name=b.wasm}. */
    public Reply postModule(Path module, String query) throws Exception {
        return curl("-X", "POST", "-H", "Content-Type: application/wasm", "--data-binary", "@" + module,
                "/v1/runs" + (query.isEmpty() ? "" : "?" + query));
    }

    /** {@code curl -N .../log}: the run's log as it grows, into {@code out}, until the process is destroyed. */
    public Process follow(String id, LineCollector out) throws IOException {
        Process p = new ProcessBuilder(command(token, "-sN", "/v1/runs/" + id + "/log")).start();
        Thread t = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // curl ended
            }
        });
        t.setDaemon(true);
        t.start();
        return p;
    }

    private List<String> command(String bearer, String... args) {
        List<String> cmd = new ArrayList<>(List.of("curl"));
        if (socket != null) {
            cmd.addAll(List.of("--unix-socket", socket.toString()));
        }
        if (bearer != null) {
            cmd.addAll(List.of("-H", "Authorization: Bearer " + bearer));
        }
        for (int i = 0; i < args.length - 1; i++) {
            cmd.add(args[i]);
        }
        cmd.add(base + args[args.length - 1]);
        return cmd;
    }

    @Override
    public void close() {
        cli.close();
    }
}
