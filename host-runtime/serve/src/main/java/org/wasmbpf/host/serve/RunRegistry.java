package org.wasmbpf.host.serve;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.wasmbpf.host.GuestLimits;
import org.wasmbpf.host.LineOutputStream;
import org.wasmbpf.host.RunningGuest;
import org.wasmbpf.host.WasmBpfHost;
import org.wasmbpf.host.spi.ModuleRejectedException;

/**
 * The server's runs by id. Starts are not serialized: each builds its own {@link WasmBpfHost}
 * (cheap) over the shared backends, so many clients may start modules at once.
 */
final class RunRegistry {
    /** What the server gives every run; {@code maxRuns} bounds the kernel objects one server can hold. */
    record Settings(Duration gracePeriod, GuestLimits limits, Path cacheDir, int maxRuns, int logLines) {}

    private static final SecureRandom IDS = new SecureRandom();

    private final Engines engines;
    private final Settings settings;
    private final Map<String, ServeRun> runs = new ConcurrentHashMap<>();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong updatesDone = new AtomicLong();
    private volatile boolean closing;

    RunRegistry(Engines engines, Settings settings) {
        this.engines = engines;
        this.settings = settings;
    }

    /** Starts the module as a new run. @throws ApiException when it cannot start (nothing runs) */
    ServeRun start(ModuleRequest request) {
        if (runs.size() >= settings.maxRuns()) {
            throw new ApiException(429, "too many runs (" + settings.maxRuns() + "); delete one first");
        }
        LogRing log = new LogRing(settings.logLines());
        ServeRun.Generation first = launch(request, log);
        String id;
        ServeRun run;
        do {
            id = newId();
            run = new ServeRun(id, log, first);
        } while (runs.putIfAbsent(id, run) != null);
        started.incrementAndGet();
        if (closing) { // raced with shutdown: stopAll may not have seen this run
            runs.remove(id);
            run.markDeleted();
            first.guest().stop();
            throw new ApiException(503, "the server is shutting down");
        }
        return run;
    }

    /** @throws ApiException 404 when there is no such run */
    ServeRun get(String id) {
        ServeRun run = runs.get(id);
        if (run == null) {
            throw new ApiException(404, "no run " + id);
        }
        return run;
    }

    Collection<ServeRun> runs() {
        return runs.values();
    }

    long started() {
        return started.get();
    }

    long updates() {
        return updatesDone.get();
    }

    /** How long a hot update took: to the new guest running (and made current), and to the old one's exit. */
    record UpdateTimes(long startedMs, long updateMs) {}

    /**
     * Hot update: starts the new module, makes it the run's guest, then stops the old one. Both
     * run for that moment, so no event is missed; if the new module cannot start, the old one
     * keeps running.
     */
    UpdateTimes replace(String id, ModuleRequest request) throws InterruptedException {
        long t0 = System.nanoTime();
        ServeRun run = get(id);
        long started;
        synchronized (run.updateLock()) { // updates of one run in turn, so no guest is orphaned
            ServeRun.Generation next = launch(request, run.log());
            ServeRun.Generation old = run.replace(next);
            started = System.nanoTime();
            run.log().add("wasm-bpf: module replaced by " + next.module() + " (sha256 " + next.sha256() + ")");
            stopAndWait(old.guest());
        }
        updatesDone.incrementAndGet();
        long end = System.nanoTime();
        return new UpdateTimes((started - t0) / 1_000_000, (end - t0) / 1_000_000);
    }

    /** Stops the run's guest (waiting up to the grace period and the unwind) and forgets the run. */
    void remove(String id) throws InterruptedException {
        ServeRun run = runs.remove(id);
        if (run == null) {
            throw new ApiException(404, "no run " + id);
        }
        synchronized (run.updateLock()) {
            run.markDeleted();
            stopAndWait(run.current().guest());
        }
    }

    /** At shutdown: stops every run at once, then waits for them all. */
    void stopAll() throws InterruptedException {
        closing = true;
        List<ServeRun> all = new ArrayList<>(runs.values());
        for (ServeRun r : all) {
            r.markDeleted();
            r.current().guest().stop();
        }
        for (ServeRun r : all) {
            r.current().guest().waitFor(stopLimit());
            runs.remove(r.id());
        }
    }

    private void stopAndWait(RunningGuest guest) throws InterruptedException {
        guest.stop();
        if (guest.waitFor(stopLimit()).isEmpty()) {
            guest.stop(); // a second request interrupts at once
            guest.waitFor(stopLimit());
        }
    }

    /** The grace period, then the time {@link RunningGuest} allows an interrupted guest to unwind. */
    private Duration stopLimit() {
        return settings.gracePeriod().plusSeconds(3);
    }

    private ServeRun.Generation launch(ModuleRequest request, LogRing log) {
        if (closing) {
            throw new ApiException(503, "the server is shutting down");
        }
        WasmBpfHost host = WasmBpfHost.builder()
                .backend(engines.backend(request.engine()))
                .args(request.args())
                .gracePeriod(settings.gracePeriod())
                .limits(settings.limits())
                .cacheDirectory(settings.cacheDir())
                .stdoutLines(log::add)
                .stderr(new LineOutputStream(log::add))
                .build();
        String engine = request.engine() == null ? engines.defaultEngine() : request.engine();
        RunningGuest guest;
        try {
            guest = host.start(request.module(), request.name());
        } catch (ModuleRejectedException e) {
            throw new ApiException(400, "module rejected (" + e.reason().name().toLowerCase() + "): " + e.getMessage());
        }
        return new ServeRun.Generation(guest, request.name(), sha256(request.module()), engine, Instant.now());
    }

    private static String newId() {
        byte[] b = new byte[6];
        IDS.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
