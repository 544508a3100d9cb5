package org.wasmbpf.host.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells the {@code ./wasm-bpf} launcher that this run filled one of the host's caches (compiled
 * a module, made an object's kernel BTF), so that it ran code later runs skip and skipped code
 * they run. The launcher records the JVM's class cache on a module's first run; a recording of
 * such a run would leave the later runs' classes out, and they would open the jar and load them
 * on every start (~40 ms). When the launcher records, it names a file in {@link #PROPERTY};
 * this creates that file with {@code .cold} appended, and the launcher drops the recording (once
 * per cache, so that a cache that never fills cannot stop recording for good).
 */
public final class RecordingRun {
    public static final String PROPERTY = "wasm-bpf.recording";

    private static volatile boolean told;

    private RecordingRun() {}

    /** Called where a cache is filled; cheap after the first call, and a no-op unless recording. */
    public static void cacheFilled() {
        if (told) {
            return;
        }
        told = true;
        String recording = System.getProperty(PROPERTY);
        if (recording == null || recording.isEmpty()) {
            return;
        }
        try {
            Files.write(Path.of(recording + ".cold"), new byte[0]);
        } catch (IOException e) {
            // The recording is then kept, as before this marker existed.
        }
    }
}
