package org.wasmbpf.host;

import java.io.PrintStream;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.wasmbpf.host.bpf.GuestBpfObjects;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.GuestInterruptedException;
import org.wasmbpf.host.spi.GuestTrapException;
import org.wasmbpf.host.spi.StopSignal;

/**
 * A guest running {@code _start} on its own thread. Every BPF object it loaded is closed when
 * it ends, whatever the way: exit, trap, interrupt or a failure of the host.
 */
public final class RunningGuest {
    /** How long an interrupted guest may take to unwind before its objects are closed under it. */
    static final Duration UNWIND_LIMIT = Duration.ofSeconds(2);
    /** Deep guest recursion runs on the JVM's stack, in the interpreter several frames per call. */
    private static final long GUEST_STACK_BYTES = 256L << 20;

    private final GuestInstance guest;
    private final GuestBpfObjects bpf;
    /** What the embedder's host functions wait on: stop requests reach them as they reach WASI sleeps. */
    private final StopSignal hostCalls;
    private final PrintStream err;
    private final Duration gracePeriod;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicInteger exitCode = new AtomicInteger(Integer.MIN_VALUE);
    private final AtomicInteger stopRequests = new AtomicInteger();
    private final AtomicBoolean cleanedUp = new AtomicBoolean();

    private RunningGuest(GuestInstance guest, GuestBpfObjects bpf, StopSignal hostCalls, PrintStream err,
            Duration gracePeriod) {
        this.guest = guest;
        this.bpf = bpf;
        this.hostCalls = hostCalls;
        this.err = err;
        this.gracePeriod = gracePeriod;
    }

    static RunningGuest start(GuestInstance guest, GuestBpfObjects bpf, StopSignal hostCalls, PrintStream err,
            Duration gracePeriod) {
        RunningGuest running = new RunningGuest(guest, bpf, hostCalls, err, gracePeriod);
        Thread t = new Thread(null, running::run, "wasm-bpf-guest", GUEST_STACK_BYTES);
        t.start();
        return running;
    }

    /** Samples delivered, callback time and memory size so far; live, readable from any thread. */
    public GuestStats stats() {
        return bpf.stats();
    }

    /** Waits for the guest to end. @return its exit code (see {@link ExitCodes} for the host's) */
    public int waitFor() throws InterruptedException {
        done.await();
        return exitCode.get();
    }

    /** @return the exit code, or empty when the guest is still running after {@code timeout} */
    public OptionalInt waitFor(Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS) ? OptionalInt.of(exitCode.get()) : OptionalInt.empty();
    }

    /** @return the exit code, empty while the guest runs */
    public OptionalInt exitCode() {
        return done.getCount() == 0 ? OptionalInt.of(exitCode.get()) : OptionalInt.empty();
    }

    public boolean isAlive() {
        return done.getCount() > 0;
    }

    /**
     * Asks the guest to stop, as SIGINT asks a native tool: BPF polls and WASI sleeps return
     * EINTR, so a well-behaved guest reports and exits with its own code. A guest still running
     * after the grace period is interrupted (exit code {@link ExitCodes#INTERRUPTED}). A second
     * call interrupts at once. Returns immediately; {@link #waitFor()} for the end.
     */
    public void stop() {
        int n = stopRequests.incrementAndGet();
        if (!isAlive()) {
            return;
        }
        bpf.requestStop();
        hostCalls.request();
        guest.requestStop();
        Thread stopper = new Thread(() -> enforceStop(n == 1 ? gracePeriod : null), "wasm-bpf-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    /** @param grace how long the guest may take to exit; null for a repeated request, which interrupts at once */
    private void enforceStop(Duration grace) {
        try {
            if (grace == null) {
                err.println("wasm-bpf: stop requested again; interrupting the guest");
            } else if (done.await(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                return;
            } else {
                err.println("wasm-bpf: the guest did not exit within " + grace.toMillis() + " ms of the stop request;"
                        + " interrupting it");
            }
            hostCalls.stop();
            guest.interrupt();
            if (done.await(UNWIND_LIMIT.toNanos(), TimeUnit.NANOSECONDS)) {
                return;
            }
            err.println("wasm-bpf: the guest did not unwind; closing its BPF objects under it");
            finish(ExitCodes.INTERRUPTED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        int code;
        try {
            bpf.stats().memorySize(guest.memory().size());
            code = guest.runStart();
        } catch (GuestTrapException e) {
            err.println("wasm-bpf: guest trapped: " + e.getMessage());
            code = ExitCodes.TRAP;
        } catch (GuestInterruptedException e) {
            code = ExitCodes.INTERRUPTED;
        } catch (RuntimeException | Error e) {
            err.println("wasm-bpf: host error: " + e);
            code = ExitCodes.HOST_ERROR;
        }
        try {
            guest.close();
        } catch (RuntimeException e) {
            // After a host error the engine's state is suspect and closing often hits the same
            // fault again (a failing output stream is flushed once more); one line is enough.
            if (code != ExitCodes.HOST_ERROR) {
                err.println("wasm-bpf: host error while closing the guest: " + e);
            }
        }
        finish(code);
    }

    /** Closes every BPF object, then publishes the exit code; the first caller wins. */
    private void finish(int code) {
        if (!cleanedUp.compareAndSet(false, true)) {
            return;
        }
        try {
            bpf.closeAll();
        } catch (RuntimeException | Error e) {
            err.println("wasm-bpf: host error while closing BPF objects: " + e);
        } finally {
            err.flush();
            exitCode.set(code);
            done.countDown();
        }
    }
}
