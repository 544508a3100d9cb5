package org.wasmbpf.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** The java, JVM options and environment the ./wasm-bpf launcher would use, so the bench's own JVMs match it. */
final class LauncherJava {
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");

    private LauncherJava() {}

    /**
     * A command prefix: the java and its options, behind {@code env NAME=VALUE...} when the
     * launcher sets environment variables for it (they act as the process starts, as glibc's
     * tunables do, so they cannot be passed as options).
     */
    static List<String> of(String launcher) {
        List<String> java = new ArrayList<>();
        List<String> env = new ArrayList<>();
        for (String line : printed(launcher)) {
            (java.isEmpty() || !ASSIGNMENT.matcher(line).matches() ? java : env).add(line);
        }
        if (env.isEmpty()) {
            return java;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add("env");
        cmd.addAll(env);
        cmd.addAll(java);
        return cmd;
    }

    private static List<String> printed(String launcher) {
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
