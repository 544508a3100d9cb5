package org.wasmbpf.host.wasmtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.wasmbpf.host.spi.ValType.I32;
import static org.wasmbpf.host.spi.ValType.I64;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.host.spi.GuestConfig;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.HostFunction;
import org.wasmbpf.host.spi.InGuestDelivery;
import org.wasmbpf.host.testing.TestGuests;
import org.wasmbpf.host.wasmtime.rewrite.WasmBinaryRewriter;
import org.wasmbpf.host.wasmtime.rewrite.WasmModuleInfo;

/**
 * A module's poll and clock calls through the thin-call wrappers on Wasmtime: each argument
 * reaches the host, each result and output the guest, the guest's own bytes at address 0 are as
 * they were, and an output pointer into those bytes is refused. The module exits with the number
 * of the first check that failed.
 */
@Timeout(60)
class ThinCallRunTest {
    private static final String MODULE = """
            (module
              (import "wasm_bpf" "wasm_bpf_buffer_poll"
                (func $poll (param i64 i32 i32 i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "clock_time_get" (func $clock (param i32 i64 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (table (export "__indirect_function_table") 1 funcref)
              (func $fill (local $k i32)
                (loop $l
                  (i64.store (local.get $k) (i64.add (i64.const 0x0102030405060700) (i64.extend_i32_u (local.get $k))))
                  (local.set $k (i32.add (local.get $k) (i32.const 8)))
                  (br_if $l (i32.lt_u (local.get $k) (i32.const 64)))))
              (func $intact (result i32) (local $k i32)
                (loop $l
                  (if (i64.ne (i64.load (local.get $k)) (i64.add (i64.const 0x0102030405060700) (i64.extend_i32_u (local.get $k))))
                    (then (return (i32.const 0))))
                  (local.set $k (i32.add (local.get $k) (i32.const 8)))
                  (br_if $l (i32.lt_u (local.get $k) (i32.const 64))))
                (i32.const 1))
              (func $check (param $ok i32) (param $code i32)
                (if (i32.eqz (local.get $ok)) (then (call $exit (local.get $code)))))
              (func (export "_start")
                (call $fill)
                (call $check (i32.eq (i32.const 5) (call $poll (i64.const 0x11223344aabbccdd) (i32.const 3) (i32.const 0)
                  (i32.const -7) (i32.const 2048) (i32.const 4096) (i32.const -1))) (i32.const 10))
                (call $check (call $intact) (i32.const 11))
                (call $check (i32.eq (i32.load (i32.const 2048)) (i32.const 0xabcd)) (i32.const 12))
                (call $check (i32.eqz (call $clock (i32.const 1) (i64.const 0) (i32.const 1024))) (i32.const 13))
                (call $check (i64.gt_u (i64.load (i32.const 1024)) (i64.const 0)) (i32.const 14))
                (call $check (i32.eq (i32.const 28) (call $clock (i32.const 9) (i64.const 0) (i32.const 1024))) (i32.const 15))
                (call $check (i32.eq (i32.const 21) (call $clock (i32.const 1) (i64.const 0) (i32.const 8))) (i32.const 16))
                (call $check (i32.eq (i32.const -21) (call $poll (i64.const 1) (i32.const 3) (i32.const 0)
                  (i32.const 0) (i32.const 16) (i32.const 4096) (i32.const 0))) (i32.const 17))
                (call $check (call $intact) (i32.const 18))
                (call $exit (i32.const 0))))
            """;

    @TempDir
    Path dir;

    @Test
    void argumentsResultsAndOutputsCrossAndTheGuestsBytesStay() throws Exception {
        byte[] module = TestGuests.wat(dir, MODULE);
        assertEquals(List.of(0, 1), WasmBinaryRewriter.rewrite(WasmModuleInfo.read(module)).thinned(),
                "the run below goes through both thin calls");
        List<long[]> polls = new ArrayList<>();
        HostFunction poll = new HostFunction("wasm_bpf", "wasm_bpf_buffer_poll", List.of(I64, I32, I32, I32, I32, I32, I32),
                List.of(I32), (GuestInstance g, long[] a) -> {
                    polls.add(a.clone());
                    g.memory().writeI32((int) a[4], 0xabcd);
                    return new long[] {5};
                });
        GuestConfig config = new GuestConfig(TestGuests.args(), Map.of(), new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), new ByteArrayOutputStream());
        try (GuestInstance guest = new WasmtimeBackend().instantiate(module, config, List.of(poll))) {
            assertEquals(0, guest.runStart(), "the number of the guest's failed check");
        }
        assertEquals(1, polls.size(), "the poll into the slots was refused in the guest");
        long[] a = polls.get(0);
        a[5] &= InGuestDelivery.MAX_SIZE_LIMIT - 1; // the wrapper's staging flags
        assertArrayEquals(new long[] {0x11223344aabbccddL, 3, 0, -7, 2048, 4096, -1}, a);
    }

}
