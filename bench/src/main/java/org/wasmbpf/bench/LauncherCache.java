package org.wasmbpf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The ./wasm-bpf launcher's JVM class cache. Its first run of a jar records a configuration and
 * makes the JDK 25 AOT cache from it in the background after exiting; a run measured before that
 * ends would start without the cache (and, while a recording is under way, unrecorded). A run
 * that filled the tool's own caches (Chicory's compiled classes, an object's kernel BTF) has its
 * recording dropped and leaves a {@code .cold} marker; the next run records. So priming is
 * {@link #prime}: a run, {@link #awaitSettled}, and a second run when the first was such a one.
 */
final class LauncherCache {
    private static final long WAIT_MS = 120_000;

    private LauncherCache() {}

    static Path dir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("wasm-bpf/jvm");
    }

    /** Runs {@code start} (one run of a tool through the launcher) until the launcher has recorded a cache for it. */
    static void prime(Runnable start) {
        long before = System.currentTimeMillis() - 2_000; // file times may be coarser than the clock
        start.run();
        awaitSettled();
        if (coldMarkedSince(before)) {
            start.run();
            awaitSettled();
        }
    }

    private static boolean coldMarkedSince(long millis) {
        Path dir = dir();
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".cold") && modifiedSince(f, millis));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean modifiedSince(Path f, long millis) {
        try {
            return Files.getLastModifiedTime(f).toMillis() >= millis;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until no cache is being made (no recorded configuration left), up to two minutes. */
    static void awaitSettled() {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (inProgress() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean inProgress() {
        Path dir = dir();
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".conf"));
        } catch (IOException e) {
            return false;
        }
    }
}
