package org.wasmbpf.host.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wasmbpf.host.spi.GuestInterruptedException;
import org.wasmbpf.host.testing.TestGuests;
import org.wasmbpf.host.wasmtime.testing.GuestRun;

class InterruptTest {

    /** Runs the guest on another thread, interrupts it once {@code ready} and returns what the run threw. */
    private static Throwable interruptWhen(GuestRun run, CountDownLatch ready) throws Exception {
        CompletableFuture<Integer> result = CompletableFuture.supplyAsync(run::run);
        assertTrue(ready.await(10, TimeUnit.SECONDS), "guest reached the point to interrupt");
        long start = System.nanoTime();
        run.guest.interrupt();
        Throwable thrown = null;
        try {
            result.get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            thrown = e.getCause();
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("[wasmtime] stopped " + ms + " ms after interrupt()");
        assertTrue(ms < 2000, "stopped after " + ms + " ms");
        return thrown;
    }

    private static CountDownLatch after(long ms) {
        CountDownLatch latch = new CountDownLatch(1);
        CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS).execute(latch::countDown);
        return latch;
    }

    @Test
    void spinningGuestIsStoppedByEpochInterruption() throws Exception {
        try (GuestRun run = new GuestRun(TestGuests.args("spin"))) {
            Throwable t = interruptWhen(run, after(300));
            assertInstanceOf(GuestInterruptedException.class, t);
        }
    }

    @Test
    void sleepingGuestIsWokenAndStopped() throws Exception {
        try (GuestRun run = new GuestRun(TestGuests.args("sleep", "60000"))) {
            Throwable t = interruptWhen(run, after(300));
            assertInstanceOf(GuestInterruptedException.class, t);
            assertEquals("", run.out(), "the guest did not go on after its sleep");
        }
    }

    @Test
    void guestInsideAHostCallStopsWhenTheCallReturns() throws Exception {
        CountDownLatch inHost = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (GuestRun run = new GuestRun(TestGuests.args("deliver"))) {
            run.onDeliver((g, f, c, d, m) -> {
                inHost.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 0;
            });
            CompletableFuture.runAsync(() -> {
                try {
                    inHost.await();
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                release.countDown();
            });
            Throwable t = interruptWhen(run, inHost);
            assertInstanceOf(GuestInterruptedException.class, t);
            assertEquals("", run.out(), "the guest printed nothing after the host call");
        }
    }

    @Test
    void stopRequestEndsASleepSoTheGuestGoesOnAndExits() throws Exception {
        try (GuestRun run = new GuestRun(TestGuests.args("sleep", "60000"))) {
            CompletableFuture<Integer> result = CompletableFuture.supplyAsync(run::run);
            Thread.sleep(300);
            long start = System.nanoTime();
            run.guest.requestStop();
            assertEquals(0, result.get(5, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - start < 2_000_000_000L);
            assertEquals("woke\n", run.out(), "usleep returned early (EINTR) and the guest went on");
        }
    }

    @Test
    void interruptBeforeStartStopsAtOnce() {
        try (GuestRun run = new GuestRun(TestGuests.args("spin"))) {
            run.guest.interrupt();
            org.junit.jupiter.api.Assertions.assertThrows(GuestInterruptedException.class, run::run);
        }
    }
}
