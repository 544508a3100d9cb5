package org.wasmbpf.host.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wasmbpf.host.spi.GuestConfig;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.GuestInterruptedException;
import org.wasmbpf.host.testing.TestGuests;
import org.wasmbpf.host.wasmtime.testing.GuestRun;

class CompiledModulesTest {
    private final CompiledModules pool = new CompiledModules();
    private final WasmtimeBackend backend = new WasmtimeBackend(null, pool);

    private GuestInstance start(String... args) {
        GuestConfig config = new GuestConfig(TestGuests.args(args), Map.of(), new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), new ByteArrayOutputStream());
        return backend.instantiate(TestGuests.build("testguest"), config, List.of(GuestRun.deliverImport(() -> null)));
    }

    @Test
    void aRestartReusesTheCompiledModule() {
        for (int code = 1; code <= 3; code++) {
            try (GuestInstance g = start("return", "" + code)) {
                assertEquals(code, g.runStart());
            }
        }
        assertEquals(1, pool.compilations(), "compiled once, then lent again");
        assertEquals(1, pool.idleCount());
        assertEquals(1, pool.stores(), "each restart's host functions (its own args) were reached through the first store");
    }

    @Test
    void aStoreServesAtMostAFewGuestsInTurn() {
        int starts = GuestStore.MAX_GUESTS + 1;
        for (int i = 0; i < starts; i++) {
            try (GuestInstance g = start("return", "" + i)) {
                assertEquals(i, g.runStart(), "start " + i + " answered with its own arguments");
            }
        }
        assertEquals(2, pool.stores(), "a store is given up after " + GuestStore.MAX_GUESTS + " guests, whose instances it keeps");
    }

    @Test
    void stoppingOneGuestLeavesAnotherOfTheSameModuleRunning() throws Exception {
        try (GuestInstance a = start("spin"); GuestInstance b = start("spin")) {
            assertEquals(2, pool.compilations(), "a running guest's engine is lent to no one else");
            assertEquals(2, pool.stores(), "nor its store");
            CompletableFuture<Integer> runA = CompletableFuture.supplyAsync(a::runStart);
            CompletableFuture<Integer> runB = CompletableFuture.supplyAsync(b::runStart);
            Thread.sleep(300);
            a.interrupt();
            assertInstanceOf(GuestInterruptedException.class, failure(runA));
            Thread.sleep(300);
            assertFalse(runB.isDone(), "B still spins after A was stopped");
            b.interrupt();
            assertInstanceOf(GuestInterruptedException.class, failure(runB));
        }
        assertEquals(2, pool.idleCount());
        try (GuestInstance c = start("return", "5")) {
            assertEquals(5, c.runStart(), "an engine whose epoch was ticked serves the next guest");
        }
        assertEquals(2, pool.compilations());
    }

    @Test
    void atMostAFewIdleEnginesAreKept() {
        List<GuestInstance> running = new java.util.ArrayList<>();
        for (int i = 0; i < CompiledModules.KEPT_IDLE + 2; i++) {
            running.add(start("return", "0"));
        }
        running.forEach(GuestInstance::close);
        assertEquals(CompiledModules.KEPT_IDLE, pool.idleCount());
    }

    private static Throwable failure(CompletableFuture<Integer> run) throws Exception {
        try {
            run.get(5, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
