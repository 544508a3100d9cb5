package org.wasmbpf.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JVM a measurement reads, whether or not the launcher exec'd it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcFsTest {
    @Test
    void findsTheJavaChildOfAShellThatWaitsForIt() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // "; true" keeps sh from exec'ing java, as the launcher does while it records a class cache.
        Process sh = new ProcessBuilder("sh", "-c", java + " -cp " + System.getProperty("java.class.path")
                + " " + JvmFloor.class.getName() + "; true").start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(sh.getInputStream()))) {
            assertTrue(out.readLine().startsWith("TIME"), "the child JVM started");
            long jvm = ProcFs.jvmOf(sh.pid());
            assertNotEquals(sh.pid(), jvm, "not the shell");
            assertTrue(ProcessHandle.of(jvm).orElseThrow().info().command().orElseThrow().endsWith("/java"));
            assertEquals(jvm, ProcFs.jvmOf(jvm), "a JVM is its own");
            assertTrue(ProcFs.cpuNanos(jvm) > 0, "the JVM spent CPU starting");
        } finally {
            sh.descendants().forEach(ProcessHandle::destroy);
            sh.destroy();
        }
    }
}
