package org.wasmbpf.host.chicory;

import com.dylibso.chicory.log.Logger;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What Chicory's WASI logs, instead of its default {@code System.Logger}: setting that up (the
 * JDK's logger finder) was ~7 ms of every cold start. WASI traces each call, which is never
 * wanted here, and reports an unsupported operation as an error, which goes to the guest's stderr
 * as one line.
 */
final class WasiLog implements Logger {
    private final OutputStream stderr;

    WasiLog(OutputStream stderr) {
        this.stderr = stderr;
    }

    @Override
    public boolean isLoggable(Level level) {
        return level == Level.ERROR;
    }

    @Override
    public void log(Level level, String message, Throwable cause) {
        if (!isLoggable(level)) {
            return;
        }
        try {
            stderr.write(("wasm-bpf: wasi: " + message + "\n").getBytes(StandardCharsets.UTF_8));
            stderr.flush();
        } catch (IOException e) {
            // the guest's stderr is gone: there is nowhere left to say it
        }
    }
}
