package org.wasmbpf.host.serve;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.wasmbpf.host.distribution.ContentCache;
import org.wasmbpf.host.distribution.ModuleLocator;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.wasmbpf.host.GuestLimits;

/**
 * {@code wasm-bpf serve}: the HTTP server and its runs. A unix socket is guarded by its file mode
 * (0600), a TCP port by a bearer token, which TCP therefore requires.
 */
public final class ServeServer implements AutoCloseable {
    /**
     * @param listen {@code unix:PATH} or {@code HOST:PORT}
     * @param tokenFile the bearer token's file (first line), null for none
     * @param cacheDir the host's cache directory, null for none
     */
    public record Config(String listen, Path tokenFile, String engine, Path cacheDir, Duration gracePeriod,
            GuestLimits limits, int maxRuns) {}

    /** Runs at most in one server unless told otherwise; each holds a guest thread and its BPF objects. */
    public static final int DEFAULT_MAX_RUNS = 256;

    private final Server jetty;
    private final RunRegistry registry;
    private final ListenAddress address;
    private final String boundAddress;

    private ServeServer(Server jetty, RunRegistry registry, ListenAddress address, String boundAddress) {
        this.jetty = jetty;
        this.registry = registry;
        this.address = address;
        this.boundAddress = boundAddress;
    }

    /**
     * Binds and starts serving.
     *
     * @throws IllegalArgumentException a configuration error, in one line for the user
     * @throws IOException when the address cannot be bound
     */
    public static ServeServer start(Config config) throws Exception {
        ListenAddress address = ListenAddress.parse(config.listen());
        String token = config.tokenFile() == null ? null : readToken(config.tokenFile());
        if (!address.isUnix() && token == null) {
            throw new IllegalArgumentException("--listen " + address + " is TCP, which needs --token-file"
                    + " (or listen on unix:PATH)");
        }
        Engines engines = new Engines(config.engine(), config.cacheDir());
        RunRegistry registry = new RunRegistry(engines, new RunRegistry.Settings(config.gracePeriod(),
                config.limits(), config.cacheDir(), config.maxRuns(), LogRing.DEFAULT_CAPACITY));
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(200, config.maxRuns() + 50));
        threads.setName("wasm-bpf-serve");
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        jetty.setHandler(new ServeHandler(registry, new ServeMetrics(registry), token,
                new ModuleLocator(ContentCache.at(config.cacheDir()))));
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false); // nothing for a scanner of the TCP port to match against
        HttpConnectionFactory factory = new HttpConnectionFactory(http);
        String bound;
        if (address.isUnix()) {
            UnixSocketFile.removeIfStale(address.unixPath());
            UnixDomainServerConnector c = new UnixDomainServerConnector(jetty, factory);
            c.setUnixDomainPath(address.unixPath());
            jetty.addConnector(c);
            jetty.start();
            Files.setPosixFilePermissions(address.unixPath(), PosixFilePermissions.fromString("rw-------"));
            bound = address.toString();
        } else {
            checkResolvable(address.host());
            ServerConnector c = new ServerConnector(jetty, factory);
            c.setHost(address.host());
            c.setPort(address.port());
            jetty.addConnector(c);
            jetty.start();
            String host = address.host().contains(":") ? "[" + address.host() + "]" : address.host();
            bound = host + ":" + c.getLocalPort();
        }
        return new ServeServer(jetty, registry, address, bound);
    }

    /** Where it listens, with the port a TCP listener on port 0 got. */
    public String boundAddress() {
        return boundAddress;
    }

    /** Stops every run (each within its grace period), then the HTTP server; removes the socket file. */
    @Override
    public void close() throws Exception {
        registry.stopAll();
        jetty.stop();
        if (address.isUnix()) {
            Files.deleteIfExists(address.unixPath());
        }
    }

    private static String readToken(Path file) throws IOException {
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").trim();
        } catch (IOException e) {
            throw new IllegalArgumentException("--token-file " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        if (token.length() < 16) {
            throw new IllegalArgumentException("--token-file " + file + ": the token (its first line) must have at"
                    + " least 16 characters");
        }
        return token;
    }

    private static void checkResolvable(String host) {
        try {
            InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--listen: unknown host " + host);
        }
    }
}
