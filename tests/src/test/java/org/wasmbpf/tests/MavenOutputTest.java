package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.wasmbpf.tests.support.Repo;

/**
 * The launcher's first run builds the project with Maven, whose jansi writes a colour reset
 * (ESC [0m) to stdout at start and exit even in batch mode; .mvn/jvm.config turns that off for
 * every Maven run in the repository.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MavenOutputTest {
    @Test
    void mavenInTheRepositoryWritesNoEscapeSequences() throws Exception {
        Process p = new ProcessBuilder("mvn", "-B", "-v").directory(Repo.root().toFile()).start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertEquals(0, p.waitFor(), err);
        assertFalse(out.contains("\u001b"), "stdout: " + out.replace("\u001b", "ESC"));
        assertFalse(err.contains("\u001b"), "stderr: " + err.replace("\u001b", "ESC"));
    }
}
