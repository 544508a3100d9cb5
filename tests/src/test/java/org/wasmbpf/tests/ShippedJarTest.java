package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.wasmbpf.tests.support.Repo;

/**
 * wasm-bpf.jar as the build leaves it: no class file older than Java 6, which the JVM's class-data
 * and AOT caches would leave out (picocli alone then costs ~150 ms of every start), and none of
 * the build's own tools. The host reads BPF objects with bpf-format; skeleton-gen (the
 * generators and their command line) is a build tool too and must not come in with it.
 */
class ShippedJarTest {
    @Test
    void everyClassFileIsJava6OrNewerAndNoBuildToolShips() throws Exception {
        List<String> old = new ArrayList<>();
        List<String> buildTools = new ArrayList<>();
        int bpfFormat = 0;
        try (JarFile jar = new JarFile(Repo.cliJar().toFile())) {
            for (JarEntry e : jar.stream().toList()) {
                if (!e.getName().endsWith(".class")) {
                    continue;
                }
                if (e.getName().startsWith("org/wasmbpf/host/cli/build/")
                        || e.getName().startsWith("org/wasmbpf/skeleton/")) {
                    buildTools.add(e.getName());
                }
                if (e.getName().startsWith("org/wasmbpf/bpf/")) {
                    bpfFormat++;
                }
                try (InputStream s = jar.getInputStream(e)) {
                    byte[] head = s.readNBytes(8);
                    if (((head[6] & 0xff) << 8 | (head[7] & 0xff)) < 50) {
                        old.add(e.getName());
                    }
                }
            }
        }
        assertEquals(List.of(), old, "class files older than Java 6");
        assertEquals(List.of(), buildTools, "build tools in the shipped jar");
        assertTrue(bpfFormat > 0, "bpf-format (the minimal kernel BTF's reader) is not in the shipped jar");
    }

    /** wasm-bpf serve's libraries come in with it, their service files merged, not one overwriting another. */
    @Test
    void serveShipsJettyWithUnixSocketsAndThePrometheusWriter() throws Exception {
        try (JarFile jar = new JarFile(Repo.cliJar().toFile())) {
            for (String cls : List.of("org/wasmbpf/host/serve/ServeServer.class",
                    "org/eclipse/jetty/server/Server.class",
                    "org/eclipse/jetty/unixdomain/server/UnixDomainServerConnector.class",
                    "io/prometheus/metrics/expositionformats/PrometheusTextFormatWriter.class",
                    "io/prometheus/metrics/core/metrics/CounterWithCallback.class")) {
                assertTrue(jar.getEntry(cls) != null, cls + " is not in the shipped jar");
            }
            JarEntry encoders = jar.getJarEntry("META-INF/services/org.eclipse.jetty.http.HttpFieldPreEncoder");
            assertTrue(encoders != null, "Jetty's HttpFieldPreEncoder services are not in the shipped jar");
            try (InputStream s = jar.getInputStream(encoders)) {
                String text = new String(s.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(text.contains("Http11FieldPreEncoder"), text);
            }
        }
    }
}
