package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wasmbpf.tests.support.CliProcess;
import org.wasmbpf.tests.support.Engines;
import org.wasmbpf.tests.support.KernelObjects;
import org.wasmbpf.tests.support.Repo;
import org.wasmbpf.tests.support.TestGuests;

/**
 * Guests and habits of the existing wasm-bpf ecosystem: its C examples built from a full checkout
 * of their repository (their SDK's libbpf-wasm.h beside each source), their poll(0) loops, and
 * stopping a run with {@code timeout -s INT}.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class UpstreamCompatCliTest {
    /** Stands in for the other SDK's header in such a checkout: the same guard, other types. */
    private static final String OTHER_SDK_HEADER = """
            /* Another SDK's libbpf-wasm.h, as a full upstream checkout has beside each example. */
            #ifndef __LIBBPF_WASM_H
            #define __LIBBPF_WASM_H
            #include <stdint.h>
            typedef uint64_t bpf_object_skel;
            struct bpf_map { bpf_object_skel obj_ptr; int other_sdk_layout; };
            enum bpf_map_type { BPF_MAP_TYPE_OTHER_SDK };
            #endif
            """;

    @TempDir
    Path tmp;

    @Test
    void anExampleBesideAnotherSdksHeaderBuildsWithOursAndRuns() throws Exception {
        Path example = upstreamCheckout();
        Build b = buildCGuest(example, "--struct", "event");
        assertEquals(0, b.code, b.log);
        assertTrue(b.log.contains("has its own libbpf-wasm.h; compiling copies in"), "says why it staged: " + b.log);

        KernelObjects before = KernelObjects.snapshot();
        try (CliProcess cli = CliProcess.run(Engines.CHICORY, b.out.resolve("bootstrap.wasm"))) {
            cli.awaitLine(l -> l.matches("TIME +EVENT +COMM +PID +PPID +FILENAME/EXIT CODE"), Duration.ofSeconds(60));
            Process p = new ProcessBuilder("sh", "-c", "exit 4").start();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            String exit = cli.awaitLine(l -> l.matches("\\S+ +EXIT +sh +" + p.pid() + " .*\\[4\\].*"), Duration.ofSeconds(10));
            assertTrue(exit.contains(" " + ProcessHandle.current().pid() + " "), "decoded ppid: " + exit);
            cli.signal("INT");
            assertEquals(0, cli.waitFor(Duration.ofSeconds(15)), cli.transcript());
        }
        assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
    }

    @Test
    void aStructTheBpfCodeOnlyPointsToGetsTheStructHint() throws Exception {
        Build b = buildCGuest(upstreamCheckout());
        assertNotEquals(0, b.code, b.log);
        assertTrue(b.log.contains("build-c-guest: hint: struct event is not in bootstrap.wasm.h: the BPF code reaches"
                + " it only through pointers, so the object's BTF lacks it; add --struct event"), b.log);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Engines.CHICORY, Engines.WASMTIME})
    void pollWithZeroTimeoutWaitsAsTheExistingSdkDoesAndConsumeDoesNot(String engine) throws Exception {
        Path guest = TestGuests.build("poll_zero");
        KernelObjects before = KernelObjects.snapshot();
        try (CliProcess cli = CliProcess.run(engine, guest)) {
            assertEquals(0, cli.waitFor(Duration.ofSeconds(60)), cli.transcript());
            Matcher m = Pattern.compile("consume_calls=(\\d+) poll0_calls=(\\d+) samples=(\\d+)")
                    .matcher(String.join("\n", cli.stdout()));
            assertTrue(m.find(), cli.transcript());
            assertEquals(0, Integer.parseInt(m.group(3)), "the ring stayed empty: " + cli.transcript());
            int polls = Integer.parseInt(m.group(2));
            assertTrue(polls >= 5 && polls <= 11, "poll(0) waits 100 ms, so about 10 calls in 1 s: " + polls);
            assertTrue(Integer.parseInt(m.group(1)) > 50, "consume returns at once: " + cli.transcript());
        }
        assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
    }

    @Test
    void timeoutsDoubleSigintIsOneStopRequest() throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        // timeout(1) signals the JVM, then its whole process group: two SIGINTs microseconds apart.
        try (CliProcess cli = CliProcess.startWrapped(List.of("timeout", "--preserve-status", "-s", "INT", "8"),
                "run", Repo.cExample("bootstrap").toString())) {
            cli.awaitLine(l -> l.startsWith("TIME "), Duration.ofSeconds(8));
            assertEquals(0, cli.waitFor(Duration.ofSeconds(30)), "bootstrap's own exit code: " + cli.transcript());
            assertFalse(cli.stderr().stream().anyMatch(l -> l.contains("again") || l.contains("interrupting")),
                    cli.transcript());
        }
        assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
    }

    /**
     * examples/bootstrap/ of a checkout laid out as the upstream repository is, submodules
     * included: the other SDK's header beside the sources (a link into wasm-sdk/c, as there), a
     * BPF side that reaches struct event only through pointers, and a user side written for the
     * other SDK.
     */
    private Path upstreamCheckout() throws Exception {
        Path sdk = Files.createDirectories(tmp.resolve("checkout/wasm-sdk/c"));
        Files.writeString(sdk.resolve("libbpf-wasm.h"), OTHER_SDK_HEADER);
        Path example = Files.createDirectories(tmp.resolve("checkout/examples/bootstrap"));
        Files.createSymbolicLink(example.resolve("libbpf-wasm.h"), Path.of("../../wasm-sdk/c/libbpf-wasm.h"));
        Path ours = Repo.root().resolve("examples-c");
        String bpf = Files.readString(ours.resolve("bootstrap/bootstrap.bpf.c"));
        String withoutAnchor = bpf.replaceAll("(?m)^const struct event \\*unused_event.*$", "");
        assertNotEquals(bpf, withoutAnchor, "bootstrap.bpf.c's struct event anchor moved; update this test");
        Files.writeString(example.resolve("bootstrap.bpf.c"), withoutAnchor);
        Files.copy(ours.resolve("bootstrap/bootstrap.h"), example.resolve("bootstrap.h"));
        Files.copy(ours.resolve("compat/upstream_bootstrap.c"), example.resolve("bootstrap.c"));
        return example;
    }

    private record Build(int code, String log, Path out) {}

    private Build buildCGuest(Path example, String... options) throws Exception {
        Path out = tmp.resolve("out-" + options.length);
        List<String> cmd = new ArrayList<>(List.of(Repo.root().resolve("scripts/build-c-guest").toString(),
                "--out", out.toString()));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("bootstrap.bpf.c", "bootstrap.c"));
        Process p = new ProcessBuilder(cmd).directory(example.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "build-c-guest did not finish");
        return new Build(p.exitValue(), log, out);
    }
}
