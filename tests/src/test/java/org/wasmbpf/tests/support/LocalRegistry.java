package org.wasmbpf.tests.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OCI registry for a test: Debian's {@code docker-registry} (distribution 2.x) serving a
 * config of its own on 127.0.0.1 and a free port, its storage in the test's directory, optionally
 * with htpasswd (Basic) auth. Started in the constructor, stopped by {@link #close()}.
 */
public final class LocalRegistry implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path storage;
    private final Path log;

    private LocalRegistry(Path dir, String htpasswdLine) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        this.port = freePort();
        this.storage = dir.resolve("storage");
        this.log = dir.resolve("registry.log");
        StringBuilder config = new StringBuilder()
                .append("version: 0.1\n")
                .append("log:\n  level: warn\n")
                .append("storage:\n  filesystem:\n    rootdirectory: ").append(storage).append('\n')
                .append("http:\n  addr: 127.0.0.1:").append(port).append("\n  secret: wasm-bpf-test\n");
        if (htpasswdLine != null) {
            Path htpasswd = dir.resolve("htpasswd");
            Files.writeString(htpasswd, htpasswdLine);
            config.append("auth:\n  htpasswd:\n    realm: wasm-bpf-test\n    path: ").append(htpasswd).append('\n');
        }
        Path file = dir.resolve("config.yml");
        Files.writeString(file, config);
        process = new ProcessBuilder("docker-registry", "serve", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        awaitReady();
    }

    /** A registry anyone may push to and pull from. */
    public static LocalRegistry open(Path dir) throws IOException, InterruptedException {
        return new LocalRegistry(dir, null);
    }

    /** A registry that wants {@code user}'s password (bcrypt, as htpasswd -B writes it). */
    public static LocalRegistry withLogin(Path dir, String user, String password) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("htpasswd", "-Bbn", user, password).redirectErrorStream(true).start();
        String line = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("htpasswd failed (apache2-utils installed? scripts/setup.sh): " + line);
        }
        return new LocalRegistry(dir, line + "\n");
    }

    /** {@code 127.0.0.1:PORT}. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** The file the registry serves for blob {@code sha256:<hex>}. */
    public Path blobData(String digest) {
        String hex = digest.substring("sha256:".length());
        return storage.resolve("docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
    }

    /** The registry's own log, for a failure's message. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** {@code skopeo inspect --raw}: the manifest as an independent client reads it. */
    public String inspectRaw(String repoAndTag, Path authFile) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("skopeo", "inspect", "--raw", "--tls-verify=false"));
        if (authFile != null) {
            cmd.add("--authfile=" + authFile);
        }
        cmd.add("docker://" + host() + "/" + repoAndTag);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed:\n" + out);
        }
        return out.trim();
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited (" + process.exitValue() + "):\n" + log());
            }
            try {
                int status = client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 401) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        close();
        throw new IllegalStateException("docker-registry did not answer GET /v2/ within " + READY + ":\n" + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
