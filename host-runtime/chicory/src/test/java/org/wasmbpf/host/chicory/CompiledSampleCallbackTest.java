package org.wasmbpf.host.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.wasmbpf.host.spi.ValType.I32;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.host.libbpf.SampleSink;
import org.wasmbpf.host.spi.GuestConfig;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.HostFunction;
import org.wasmbpf.host.spi.SampleCallback;
import org.wasmbpf.host.testing.TestGuests;

/**
 * Samples are taken as read, the callback called through its compiled method, wherever the
 * compiler made one: for classes compiled in this run, shared by instances, and from the cache
 * (another class loader). The interpreter has none and gets batches (its calls are slow, and
 * staged samples leave the kernel's buffer sooner).
 */
class CompiledSampleCallbackTest {

    @Test
    void freshlyCompiledCodeIsCalledDirectly() {
        ChicoryBackend.forgetPreparedModules();
        assertEquals("as-read=true result=1", run(new ChicoryBackend(ExecutionMode.COMPILER)));
    }

    @Test
    void instancesOfOneModuleShareItsCompiledCodeAndStillCallItDirectly() {
        // The second instance gets the first's prepared classes, whose loader has the bridge already.
        ChicoryBackend.forgetPreparedModules();
        assertEquals("as-read=true result=1", run(new ChicoryBackend(ExecutionMode.COMPILER)));
        assertEquals("as-read=true result=1", run(new ChicoryBackend(ExecutionMode.COMPILER)));
    }

    @Test
    void cachedCompiledCodeIsCalledDirectly(@TempDir Path cache) {
        ChicoryBackend.forgetPreparedModules();
        run(new ChicoryBackend(ExecutionMode.COMPILER, cache)); // fills the cache
        ChicoryBackend.forgetPreparedModules(); // as a new JVM: classes from the entry
        assertEquals("as-read=true result=1", run(new ChicoryBackend(ExecutionMode.COMPILER, cache)));
    }

    @Test
    void theInterpreterGetsBatches() {
        assertEquals("as-read=false result=1", run(new ChicoryBackend(ExecutionMode.INTERPRETER)));
    }

    /** One sample through the sink from inside test.deliver; what the sink used and what the guest saw. */
    private static String run(ChicoryBackend backend) {
        String[] seen = new String[1];
        HostFunction deliver = new HostFunction("test", "deliver", List.of(I32, I32, I32, I32), List.of(I32), (g, a) -> {
            SampleSink sink = g.sampleSink(SampleCallback.table((int) a[0]), (int) a[1], (int) a[2], 100);
            seen[0] = "as-read=" + (sink != null);
            int r = sink == null ? 0 : sink.accept(ByteBuffer.wrap(new byte[] {7, 0, 0, 0, 1, 2, 3, 4}));
            return new long[] {r == 0 ? 1 : r};
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GuestConfig config = new GuestConfig(TestGuests.args("deliver"), Map.of(), new ByteArrayInputStream(new byte[0]),
                out, new ByteArrayOutputStream());
        try (GuestInstance guest = backend.instantiate(TestGuests.build("testguest"), config, List.of(deliver))) {
            assertEquals(0, guest.runStart());
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        return seen[0] + " " + printed.substring(0, printed.indexOf(' '));
    }
}
