package org.wasmbpf.tests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The BPF programs, links and maps the kernel holds, as {@code bpftool -j} lists them. Tests take
 * a snapshot before a run and assert that nothing new is left after it. Entries are
 * {@code kind:id:name}.
 */
public record KernelObjects(Set<String> entries) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] KINDS = {"prog", "link", "map"};

    public static KernelObjects snapshot() {
        Set<String> all = new TreeSet<>();
        for (String kind : KINDS) {
            all.addAll(list(kind));
        }
        return new KernelObjects(all);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * What exists now that did not exist in {@code before}, leaving out what another live process
     * holds (other test runs on the same machine). Waits for the kernel to release objects whose
     * last reference was dropped, since freeing is deferred.
     */
    public static KernelObjects leakedSince(KernelObjects before, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        KernelObjects leaked;
        do {
            Set<String> fresh = new TreeSet<>(snapshot().entries);
            fresh.removeAll(before.entries);
            Set<String> others = heldByOtherProcesses();
            fresh.removeIf(e -> others.contains(e.substring(0, e.indexOf(':', e.indexOf(':') + 1))));
            leaked = new KernelObjects(fresh);
            if (leaked.isEmpty()) {
                return leaked;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < deadline);
        return leaked;
    }

    /**
     * {@code kind:id} of every object an fd of another process refers to, from
     * /proc/PID/fdinfo (bpftool here is built without pid support). Maps that only a program
     * refers to are covered through the program's map ids.
     */
    private static Set<String> heldByOtherProcesses() {
        Set<String> held = new TreeSet<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                if (!proc.getFileName().toString().equals(Long.toString(self))) {
                    collectFdInfo(proc.resolve("fdinfo"), held);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc: " + e.getMessage(), e);
        }
        for (JsonNode prog : json("prog")) {
            if (held.contains("prog:" + prog.path("id").asText())) {
                prog.path("map_ids").forEach(id -> held.add("map:" + id.asText()));
            }
        }
        return held;
    }

    private static void collectFdInfo(Path fdinfo, Set<String> held) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdinfo)) {
            for (Path fd : fds) {
                for (String line : Files.readAllLines(fd)) {
                    if (line.startsWith("prog_id:") || line.startsWith("map_id:") || line.startsWith("link_id:")) {
                        String kind = line.substring(0, line.indexOf('_'));
                        held.add(kind + ":" + line.substring(line.indexOf(':') + 1).trim());
                    }
                }
            }
        } catch (IOException | SecurityException gone) {
            // the process or fd went away while we looked: it holds nothing any more
        }
    }

    private static Set<String> list(String kind) {
        Set<String> ids = new TreeSet<>();
        for (JsonNode n : json(kind)) {
            ids.add(kind + ":" + n.path("id").asText() + ":" + n.path("name").asText(n.path("type").asText()));
        }
        return ids;
    }

    private static JsonNode json(String kind) {
        try {
            Process p = new ProcessBuilder("bpftool", "-j", kind, "list").start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("bpftool -j " + kind + " list failed: "
                        + new String(p.getErrorStream().readAllBytes()));
            }
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new IllegalStateException("bpftool is required for the leak checks: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
