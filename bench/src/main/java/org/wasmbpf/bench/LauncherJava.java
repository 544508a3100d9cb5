package org.wasmbpf.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The java and JVM options the ./wasm-bpf launcher would use, so the bench's own JVMs match it. */
final class LauncherJava {
    private LauncherJava() {}

    static List<String> of(String launcher) {
        ProcessBuilder pb = new ProcessBuilder(launcher).redirectErrorStream(true);
        pb.environment().put("WASM_BPF_PRINT_JAVA", "1");
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new BenchException(launcher + " did not say which java it uses: " + out);
            }
            return out.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new BenchException("cannot run " + launcher + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }
}
