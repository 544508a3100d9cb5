package org.wasmbpf.tests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The BPF programs, links and maps the kernel holds, as {@code bpftool -j} lists them. Tests take
 * a snapshot before a run and assert that nothing new is left after it.
 */
public record KernelObjects(Set<String> progs, Set<String> links, Set<String> maps) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static KernelObjects snapshot() {
        return new KernelObjects(list("prog"), list("link"), list("map"));
    }

    /** What exists now that did not exist in {@code before}, one entry per object. */
    public KernelObjects newSince(KernelObjects before) {
        return new KernelObjects(minus(progs, before.progs), minus(links, before.links), minus(maps, before.maps));
    }

    public boolean isEmpty() {
        return progs.isEmpty() && links.isEmpty() && maps.isEmpty();
    }

    /** Waits for the kernel to release objects whose last fd was closed (freeing is deferred). */
    public static KernelObjects leakedSince(KernelObjects before, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        KernelObjects leaked;
        do {
            leaked = snapshot().newSince(before);
            if (leaked.isEmpty()) {
                return leaked;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < deadline);
        return leaked;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static Set<String> list(String kind) {
        try {
            Process p = new ProcessBuilder("bpftool", "-j", kind, "list").redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("bpftool -j " + kind + " list failed: "
                        + new String(p.getErrorStream().readAllBytes()));
            }
            Set<String> ids = new TreeSet<>();
            JsonNode arr = JSON.readTree(out);
            for (JsonNode n : arr) {
                ids.add(n.path("id").asText() + ":" + n.path("name").asText() + ":" + n.path("type").asText());
            }
            return ids;
        } catch (IOException e) {
            throw new IllegalStateException("bpftool is required for the leak checks: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
