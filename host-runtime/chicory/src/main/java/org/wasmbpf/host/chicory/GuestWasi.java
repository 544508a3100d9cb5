package org.wasmbpf.host.chicory;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.wasmbpf.host.spi.GuestConfig;
import org.wasmbpf.host.spi.StopSignal;

/** Chicory's WASI preview1 set up for one guest. */
final class GuestWasi {
    private static final Clock CLOCK = Clock.systemUTC();

    private GuestWasi() {}

    static WasiPreview1 create(GuestConfig config) {
        WasiOptions.Builder options = WasiOptions.builder()
                .withArguments(config.args())
                .withClock(CLOCK)
                // Reported as terminals (character devices without seek/tell), so wasi-libc
                // line-buffers stdout even when the host's stdout is a pipe.
                .withStdout(new FlushingOutputStream(config.stdout()), true)
                .withStderr(new FlushingOutputStream(config.stderr()), true)
                .withStdin(config.stdin() != null ? config.stdin() : new ByteArrayInputStream(new byte[0]), false)
                // proc_exit(0) must end the guest like any other exit code.
                .withThrowOnExit0(true);
        if (config.env() != null) {
            config.env().forEach(options::withEnvironment);
        }
        return WasiPreview1.builder().withLogger(new WasiLog(config.stderr())).withOptions(options.build()).build();
    }

    /** Chicory's WASI functions, with {@code poll_oneoff} replaced by one a stop request wakes. */
    static List<ImportFunction> functions(WasiPreview1 wasi, StopSignal stop) {
        StoppablePollOneoff poll = new StoppablePollOneoff(wasi, stop, CLOCK);
        List<ImportFunction> functions = new ArrayList<>();
        for (HostFunction f : wasi.toHostFunctions()) {
            if (f.name().equals("poll_oneoff")) {
                functions.add(new HostFunction(f.module(), f.name(), f.functionType(), (instance, args) ->
                        new long[] {poll.call(instance.memory(), (int) args[0], (int) args[1], (int) args[2],
                                (int) args[3])}));
            } else {
                functions.add(f);
            }
        }
        return functions;
    }
}
