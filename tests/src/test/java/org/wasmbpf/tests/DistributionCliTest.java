package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.tests.support.CliProcess;
import org.wasmbpf.tests.support.KernelObjects;
import org.wasmbpf.tests.support.LocalRegistry;
import org.wasmbpf.tests.support.Repo;

/**
 * {@code wasm-bpf push}, {@code pull} and {@code run oci://...} against a real registry (Debian's
 * docker-registry on 127.0.0.1), the pushed manifest read back by an independent client (skopeo),
 * and {@code run https?://...} from a server in this test; every integrity or fetch failure ends
 * with one line, its exit code, nothing run and nothing left in the kernel.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DistributionCliTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration EVENT = Duration.ofSeconds(10);
    private static final Duration QUICK = Duration.ofSeconds(60);
    private static final int FETCH_FAILED = 74;
    private static final int DIGEST_MISMATCH = 76;
    private static final long MY_PID = ProcessHandle.current().pid();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    private static LocalRegistry registry;
    /** A docker config with no logins, so the machine's own never matters. */
    private static Map<String, String> noLogins;
    /** The Chicory and kernel-type caches the runs share (not the user's). */
    private static Path cache;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = LocalRegistry.open(shared.resolve("registry"));
        Path dockerConfig = Files.createDirectories(shared.resolve("docker-config"));
        noLogins = Map.of("DOCKER_CONFIG", dockerConfig.toString());
        cache = shared.resolve("cache");
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aPushedModuleIsAnOciArtifactOthersCanRead() throws Exception {
        Path wasm = Repo.cExample("bootstrap");
        String digest = push(noLogins, wasm, ref("bootstrap", "v1"));
        String manifest = registry.inspectRaw("bootstrap:v1", null);
        assertEquals(digest, "sha256:" + sha256(manifest.getBytes(StandardCharsets.UTF_8)),
                "the digest push printed is the manifest's");
        JsonNode m = JSON.readTree(manifest);
        assertEquals(2, m.path("schemaVersion").asInt(), manifest);
        assertEquals("application/vnd.oci.image.manifest.v1+json", m.path("mediaType").asText(), manifest);
        assertEquals("application/vnd.wasm.config.v1+json", m.path("config").path("mediaType").asText(), manifest);
        JsonNode layer = m.path("layers").path(0);
        assertEquals(1, m.path("layers").size(), manifest);
        assertEquals("application/vnd.wasm.content.layer.v1+wasm", layer.path("mediaType").asText(), manifest);
        assertEquals("sha256:" + sha256(Files.readAllBytes(wasm)), layer.path("digest").asText(), manifest);
        assertEquals(Files.size(wasm), layer.path("size").asLong(), manifest);
        assertEquals("bootstrap.wasm", layer.path("annotations").path("org.opencontainers.image.title").asText(), manifest);
    }

    @Test
    void aModuleRunsFromTheRegistryAsFromAFile() throws Exception {
        push(noLogins, Repo.cExample("bootstrap"), ref("bootstrap", "run"));
        KernelObjects before = KernelObjects.snapshot();
        try (CliProcess cli = CliProcess.startIn(tmp, noLogins, "run", "--cache-dir", cache.toString(),
                ref("bootstrap", "run"))) {
            cli.awaitLine(l -> l.matches("TIME +EVENT +COMM +PID +PPID +FILENAME/EXIT CODE"), START);
            long shPid = spawnAndWait(7, "sh", "-c", "exit 7");
            String exec = cli.awaitLine(l -> is(l, "EXEC", shPid) && l.endsWith("/sh"), EVENT);
            assertEquals(Long.toString(MY_PID), exec.trim().split(" +")[4], "the shell's parent is this JVM: " + exec);
            String exit = cli.awaitLine(l -> is(l, "EXIT", shPid), EVENT);
            assertTrue(exit.trim().split(" +", 6)[5].startsWith("[7]"), "exit code 7: " + exit);
            cli.signal("INT");
            assertEquals(0, cli.waitFor(Duration.ofSeconds(15)), cli.transcript());
        }
        assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
        assertTrue(Files.exists(cache.resolve("blobs/sha256").resolve(sha256(Files.readAllBytes(Repo.cExample("bootstrap"))))),
                "the layer is kept in the content-addressed cache");
    }

    @Test
    void pullWritesTheSameBytesUnderTheirTitle() throws Exception {
        Path wasm = Repo.cExample("bootstrap");
        push(noLogins, wasm, ref("bootstrap", "pull"));
        Path out = tmp.resolve("sub/copy.wasm");
        try (CliProcess cli = CliProcess.startIn(tmp, noLogins, "pull", ref("bootstrap", "pull"), "-o", out.toString())) {
            assertEquals(0, cli.waitFor(QUICK), cli.transcript());
            assertEquals(List.of(out.toString()), cli.stdout());
        }
        assertArrayEquals(Files.readAllBytes(wasm), Files.readAllBytes(out));
        try (CliProcess cli = CliProcess.startIn(tmp, noLogins, "pull", ref("bootstrap", "pull"))) {
            assertEquals(0, cli.waitFor(QUICK), cli.transcript());
            assertEquals(List.of("bootstrap.wasm"), cli.stdout(), "named after the title annotation");
        }
        assertArrayEquals(Files.readAllBytes(wasm), Files.readAllBytes(tmp.resolve("bootstrap.wasm")));
    }

    @Test
    void aBpfObjectIsPushedWithItsOwnTypesAndRunsThroughTheRunner() throws Exception {
        Path object = Repo.cExampleBuildDir().resolve("bootstrap.bpf.o");
        push(noLogins, object, ref("bootstrap-object", "v1"));
        JsonNode m = JSON.readTree(registry.inspectRaw("bootstrap-object:v1", null));
        assertEquals("application/vnd.wasm-bpf.config.v1+json", m.path("config").path("mediaType").asText());
        assertEquals("application/vnd.wasm-bpf.object.v1+elf", m.path("layers").path(0).path("mediaType").asText());
        KernelObjects before = KernelObjects.snapshot();
        try (CliProcess cli = CliProcess.startIn(tmp, noLogins, "run", "--cache-dir", cache.toString(),
                ref("bootstrap-object", "v1"))) {
            cli.awaitLine(l -> l.startsWith("TIME     PID"), START);
            cli.signal("INT");
            assertEquals(0, cli.waitFor(Duration.ofSeconds(15)), cli.transcript());
        }
        assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
    }

    @Test
    void aUrlRunsWhenItsBytesHaveThePinnedDigestAndNotOtherwise() throws Exception {
        byte[] wasm = Files.readAllBytes(Repo.cExample("bootstrap"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/modules/bootstrap.wasm", exchange -> {
            exchange.sendResponseHeaders(200, wasm.length);
            exchange.getResponseBody().write(wasm);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/modules/bootstrap.wasm";
            KernelObjects before = KernelObjects.snapshot();
            try (CliProcess cli = CliProcess.startIn(tmp, noLogins, "run", "--no-cache", "--sha256", "0".repeat(64), url)) {
                assertEquals(DIGEST_MISMATCH, cli.waitFor(QUICK), cli.transcript());
                assertEquals(List.of(), cli.stdout(), "nothing ran");
                assertEquals(1, cli.stderr().size(), cli.transcript());
                assertEquals("wasm-bpf: " + url + ": the download is sha256:" + sha256(wasm) + ", not the pinned sha256:"
                        + "0".repeat(64), cli.stderr().get(0));
            }
            assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
            try (CliProcess cli = CliProcess.startIn(tmp, noLogins, "run", "--cache-dir", cache.toString(),
                    "--sha256", sha256(wasm), url)) {
                cli.awaitLine(l -> l.startsWith("TIME "), START);
                long shPid = spawnAndWait(3, "sh", "-c", "exit 3");
                cli.awaitLine(l -> is(l, "EXIT", shPid), EVENT);
                cli.signal("INT");
                assertEquals(0, cli.waitFor(Duration.ofSeconds(15)), cli.transcript());
            }
            assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void plainHttpToAnotherHostIsRefusedBeforeConnecting() throws Exception {
        long start = System.nanoTime();
        // 192.0.2.1 (TEST-NET-1) answers nothing: a connection attempt would take the 30 s connect timeout.
        try (CliProcess cli = CliProcess.startIn(tmp, noLogins, "run", "--no-cache", "http://192.0.2.1/x.wasm")) {
            assertEquals(FETCH_FAILED, cli.waitFor(QUICK), cli.transcript());
            assertEquals(List.of("wasm-bpf: http://192.0.2.1/x.wasm: refused plain http to 192.0.2.1: allowed only to"
                    + " loopback (127.0.0.0/8, ::1, localhost); use https"), cli.stderr());
            assertEquals(List.of(), cli.stdout());
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(25), "no connection was tried");
    }

    @Test
    void aCorruptBlobInTheRegistryIsAnIntegrityErrorAndNothingRuns() throws Exception {
        Path unique = uniqueModule();
        push(noLogins, unique, ref("corrupt", "v1"));
        byte[] good = Files.readAllBytes(unique);
        byte[] bad = good.clone();
        bad[bad.length - 1] ^= 0x55; // same size: only the digest can tell
        Files.write(registry.blobData("sha256:" + sha256(good)), bad);
        KernelObjects before = KernelObjects.snapshot();
        try (CliProcess cli = CliProcess.startIn(tmp, noLogins, "run", "--no-cache", ref("corrupt", "v1"))) {
            assertEquals(DIGEST_MISMATCH, cli.waitFor(QUICK), cli.transcript());
            assertEquals(List.of(), cli.stdout(), "nothing ran");
            assertEquals(List.of("wasm-bpf: " + ref("corrupt", "v1") + ": blob sha256:" + sha256(good)
                    + " does not match its digest: its bytes are sha256:" + sha256(bad)), cli.stderr());
        }
        try (CliProcess cli = CliProcess.startIn(tmp, noLogins, "pull", ref("corrupt", "v1"), "-o", "x.wasm")) {
            assertEquals(DIGEST_MISMATCH, cli.waitFor(QUICK), cli.transcript());
        }
        assertTrue(Files.notExists(tmp.resolve("x.wasm")), "pull writes nothing it could not verify");
        assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
    }

    @Test
    void aMissingTagIsAFetchErrorAndAWrongDigestAnIntegrityOne() throws Exception {
        push(noLogins, Repo.cExample("bootstrap"), ref("bootstrap", "present"));
        try (CliProcess cli = CliProcess.startIn(tmp, noLogins, "run", "--no-cache", ref("bootstrap", "absent"))) {
            assertEquals(FETCH_FAILED, cli.waitFor(QUICK), cli.transcript());
            assertEquals(List.of("wasm-bpf: " + ref("bootstrap", "absent") + ": tag 'absent' not found in "
                    + registry.host() + "/bootstrap (HTTP 404 MANIFEST_UNKNOWN: manifest unknown)"), cli.stderr());
            assertEquals(List.of(), cli.stdout());
        }
        String pinned = ref("bootstrap", "present") + "@sha256:" + "1".repeat(64);
        try (CliProcess cli = CliProcess.startIn(tmp, noLogins, "run", "--no-cache", pinned)) {
            assertEquals(FETCH_FAILED, cli.waitFor(QUICK), "a digest the registry does not have is not found: "
                    + cli.transcript());
        }
        try (CliProcess cli = CliProcess.startIn(tmp, noLogins, "run", "--no-cache", "--sha256", "2".repeat(64),
                ref("bootstrap", "present"))) {
            assertEquals(DIGEST_MISMATCH, cli.waitFor(QUICK), cli.transcript());
            assertTrue(cli.stderr().get(0).endsWith(", not the pinned sha256:" + "2".repeat(64)), cli.transcript());
            assertEquals(List.of(), cli.stdout());
        }
    }

    @Test
    void aRegistryWithLoginsTakesThemFromTheDockerConfig() throws Exception {
        Path wasm = Repo.cExample("bootstrap");
        try (LocalRegistry secured = LocalRegistry.withLogin(tmp.resolve("secured"), "user", "s3cret")) {
            String reference = "oci://" + secured.host() + "/bootstrap:v1";
            try (CliProcess cli = CliProcess.startIn(tmp, noLogins, "push", wasm.toString(), reference)) {
                assertEquals(FETCH_FAILED, cli.waitFor(QUICK), cli.transcript());
                assertEquals(List.of("wasm-bpf: " + reference + ": registry " + secured.host() + " requires a login"
                        + " (HTTP 401) and " + noLogins.get("DOCKER_CONFIG") + "/config.json has none for it (docker login "
                        + secured.host() + ")"), cli.stderr());
            }
            Map<String, String> wrong = dockerConfig("wrong", secured.host(), "user", "guess");
            try (CliProcess cli = CliProcess.startIn(tmp, wrong, "push", wasm.toString(), reference)) {
                assertEquals(FETCH_FAILED, cli.waitFor(QUICK), cli.transcript());
                assertTrue(cli.stderr().get(0).contains("refused the login from"), cli.transcript());
            }
            Map<String, String> right = dockerConfig("right", secured.host(), "user", "s3cret");
            try (CliProcess cli = CliProcess.startIn(tmp, right, "push", wasm.toString(), reference)) {
                assertEquals(0, cli.waitFor(QUICK), cli.transcript());
            }
            Path authFile = Path.of(right.get("DOCKER_CONFIG"), "config.json");
            JsonNode m = JSON.readTree(secured.inspectRaw("bootstrap:v1", authFile));
            assertEquals("sha256:" + sha256(Files.readAllBytes(wasm)), m.path("layers").path(0).path("digest").asText());
            try (CliProcess cli = CliProcess.startIn(tmp, right, "pull", reference, "-o", "pulled.wasm")) {
                assertEquals(0, cli.waitFor(QUICK), cli.transcript());
            }
            assertArrayEquals(Files.readAllBytes(wasm), Files.readAllBytes(tmp.resolve("pulled.wasm")));
            try (CliProcess cli = CliProcess.startIn(tmp, noLogins, "pull", reference, "-o", "anonymous.wasm")) {
                assertEquals(FETCH_FAILED, cli.waitFor(QUICK), cli.transcript());
            }
        }
    }

    private Map<String, String> dockerConfig(String name, String host, String user, String password) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("docker-" + name));
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"" + host + "\":{\"auth\":\"" + auth + "\"}}}");
        return Map.of("DOCKER_CONFIG", dir.toString());
    }

    /** A valid, empty Wasm module no other test pushes: a custom section of random bytes makes its blob its own. */
    private Path uniqueModule() throws Exception {
        byte[] name = "unique".getBytes(StandardCharsets.US_ASCII);
        byte[] payload = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        List<Byte> b = new ArrayList<>();
        for (byte x : new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 0}) {
            b.add(x);
        }
        b.add((byte) (1 + name.length + payload.length));
        b.add((byte) name.length);
        for (byte x : name) {
            b.add(x);
        }
        for (byte x : payload) {
            b.add(x);
        }
        byte[] bytes = new byte[b.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = b.get(i);
        }
        Path file = tmp.resolve("unique.wasm");
        Files.write(file, bytes);
        return file;
    }

    private static String ref(String repository, String tag) {
        return "oci://" + registry.host() + "/" + repository + ":" + tag;
    }

    /** Pushes and returns the manifest digest, checking push's one line. */
    private String push(Map<String, String> env, Path file, String reference) throws Exception {
        try (CliProcess cli = CliProcess.startIn(tmp, env, "push", file.toString(), reference)) {
            assertEquals(0, cli.waitFor(QUICK), cli.transcript() + "\n--- registry ---\n" + registry.log());
            List<String> out = cli.stdout();
            assertEquals(1, out.size(), cli.transcript());
            assertTrue(out.get(0).matches(java.util.regex.Pattern.quote(reference) + "@sha256:[0-9a-f]{64}"), out.get(0));
            return out.get(0).substring(reference.length() + 1);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static boolean is(String line, String event, long pid) {
        String[] f = line.trim().split(" +", 6);
        return f.length >= 6 && f[1].equals(event) && f[3].equals(Long.toString(pid));
    }

    private static long spawnAndWait(int expectedExit, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "spawned process did not end");
        assertEquals(expectedExit, p.exitValue(), "exit code of " + String.join(" ", cmd));
        return p.pid();
    }
}
