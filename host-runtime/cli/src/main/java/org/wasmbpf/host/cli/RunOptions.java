package org.wasmbpf.host.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wasmbpf.host.GuestLimits;
import org.wasmbpf.host.chicory.ChicoryBackend;
import org.wasmbpf.host.chicory.ExecutionMode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The options and parameters of {@code wasm-bpf run}, declared as picocli model objects (no
 * annotations, see {@link WasmBpfMain}) and read back from them once the command line is parsed.
 *
 * <p>The builders do not infer what picocli derives from an annotated field, so that is spelled
 * out: initial values (a boolean would otherwise read as null), APP.wasm being required, and the
 * arity of the guest's arguments.
 */
final class RunOptions {
    private final OptionSpec runtime = option("--runtime", "ENGINE", String.class)
            .defaultValue(ChicoryBackend.NAME)
            .description("The WebAssembly engine: chicory (default; pure Java) or wasmtime (native, Cranelift).")
            .build();
    private final OptionSpec mode = option("--mode", "MODE", ExecutionMode.class)
            .initialValue(ExecutionMode.DEFAULT)
            .description("How Chicory runs the guest: ${COMPLETION-CANDIDATES} (default: compiler).")
            .build();
    private final OptionSpec env = option("--env", "NAME=VALUE", Map.class)
            .auxiliaryTypes(String.class, String.class)
            .initialValue(new LinkedHashMap<String, String>())
            .description("Sets a variable of the guest's environment (repeatable). The guest sees no other.")
            .build();
    private final OptionSpec graceMs = option("--grace-ms", "MS", long.class)
            .defaultValue("2000")
            .description("After SIGINT/SIGTERM, how long the guest may take to exit before it is interrupted"
                    + " (default: ${DEFAULT-VALUE}).")
            .build();
    private final OptionSpec maxMemoryPages = option("--max-memory-pages", "PAGES", int.class)
            .defaultValue("" + GuestLimits.DEFAULT_MAX_MEMORY_PAGES)
            .description("The most 64 KiB pages the guest's memory may grow to, 1..65536 (default: ${DEFAULT-VALUE},"
                    + " 256 MiB).")
            .build();
    private final OptionSpec maxObjects = option("--max-objects", "N", int.class)
            .defaultValue("" + GuestLimits.DEFAULT_MAX_OBJECTS)
            .description("The most BPF objects the guest may have loaded at once (default: ${DEFAULT-VALUE}).")
            .build();
    private final OptionSpec pollCeilingMs = option("--poll-timeout-ceiling-ms", "MS", long.class)
            .defaultValue("10000")
            .description("The longest one buffer poll of the guest waits, whatever timeout it asks for"
                    + " (default: ${DEFAULT-VALUE}).")
            .build();
    private final OptionSpec cacheDir = option("--cache-dir", "DIR", Path.class)
            .description("Where compiled modules, Wasmtime's native library and the kernel types each"
                    + " BPF object needs are cached (default: $XDG_CACHE_HOME/wasm-bpf or ~/.cache/wasm-bpf).")
            .build();
    private final OptionSpec lowLatency = OptionSpec.builder("--low-latency").type(boolean.class).initialValue(false)
            .description("Buffer polls wake per sample instead of gathering streaming samples 1 ms: lower"
                    + " delivery latency, more CPU per sample at high rates.")
            .build();
    private final OptionSpec noCache = OptionSpec.builder("--no-cache").type(boolean.class).initialValue(false)
            .description("Compiles the module afresh, has libbpf read all kernel types, and caches nothing.")
            .build();
    private final OptionSpec sha256 = option("--sha256", "HEX", String.class)
            .description("The module's SHA-256 (hex); it runs only if its bytes have it. For a URL a cached copy"
                    + " with this digest is run without downloading; for oci:// it pins the layer.")
            .build();
    // A String, not a Path: Path.of would fold the // of a URL.
    private final PositionalParamSpec module = PositionalParamSpec.builder()
            .index("0").paramLabel("APP.wasm").type(String.class).required(true)
            .description("The module (or PROG.bpf.o): a file, an https:// URL (http:// only to loopback), or"
                    + " oci://HOST[:PORT]/REPO[:TAG|@sha256:HEX].")
            .build();
    private final PositionalParamSpec guestArgs = PositionalParamSpec.builder()
            .index("1..*").arity("0..1").paramLabel("ARGS").type(List.class).auxiliaryTypes(String.class)
            .initialValue(new ArrayList<String>())
            .description("The guest's arguments.")
            .build();

    /** An option with a value; shared by the commands' option models. */
    static OptionSpec.Builder option(String name, String paramLabel, Class<?> type) {
        return OptionSpec.builder(name).paramLabel(paramLabel).type(type);
    }

    void addTo(CommandSpec spec) {
        for (OptionSpec o : List.of(runtime, mode, env, graceMs, maxMemoryPages, maxObjects, pollCeilingMs, cacheDir,
                noCache, lowLatency, sha256)) {
            spec.addOption(o);
        }
        spec.addPositional(module);
        spec.addPositional(guestArgs);
    }

    String runtime() {
        return runtime.getValue();
    }

    ExecutionMode mode() {
        return mode.getValue();
    }

    Map<String, String> env() {
        return env.getValue();
    }

    long graceMs() {
        return graceMs.getValue();
    }

    int maxMemoryPages() {
        return maxMemoryPages.getValue();
    }

    int maxObjects() {
        return maxObjects.getValue();
    }

    long pollCeilingMs() {
        return pollCeilingMs.getValue();
    }

    /** {@code null} unless given. */
    Path cacheDir() {
        return cacheDir.getValue();
    }

    boolean noCache() {
        return noCache.getValue();
    }

    boolean lowLatency() {
        return lowLatency.getValue();
    }

    String module() {
        return module.getValue();
    }

    /** {@code null} unless given; as typed. */
    String sha256() {
        return sha256.getValue();
    }

    List<String> guestArgs() {
        return guestArgs.getValue();
    }
}
