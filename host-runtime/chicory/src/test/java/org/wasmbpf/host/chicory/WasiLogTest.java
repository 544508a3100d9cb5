package org.wasmbpf.host.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.dylibso.chicory.log.Logger;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WasiLogTest {
    @Test
    void errorsReachTheGuestsStderrAndTracesNothing() {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        WasiLog log = new WasiLog(stderr);
        log.tracef("fd_write: [%s]", 1);
        log.trace("sched_yield");
        assertFalse(log.isLoggable(Logger.Level.TRACE));
        log.errorf("fd_fdstat_set_rights operation not supported: [%s, %s, %s]", 3, 0L, 0L);
        assertEquals("wasm-bpf: wasi: fd_fdstat_set_rights operation not supported: [3, 0, 0]\n",
                stderr.toString(StandardCharsets.UTF_8));
    }
}
