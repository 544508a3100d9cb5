package org.wasmbpf.host.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WasiErrnoTest {

    @Test
    void linuxErrnosBecomeTheNumbersWasiLibcUses() {
        // Linux number on the left, wasi-libc's <errno.h> value on the right.
        assertEquals(-27, WasiErrno.fromLinux(-4), "EINTR");
        assertEquals(-44, WasiErrno.fromLinux(-2), "ENOENT");
        assertEquals(-8, WasiErrno.fromLinux(-9), "EBADF");
        assertEquals(-28, WasiErrno.fromLinux(-22), "EINVAL");
        assertEquals(-21, WasiErrno.fromLinux(-14), "EFAULT");
        assertEquals(-63, WasiErrno.fromLinux(-1), "EPERM");
        assertEquals(-58, WasiErrno.fromLinux(-95), "EOPNOTSUPP");
        assertEquals(-58, WasiErrno.fromLinux(-524), "the kernel's ENOTSUPP");
    }

    @Test
    void valuesAndUnknownErrnos() {
        assertEquals(0, WasiErrno.fromLinux(0));
        assertEquals(17, WasiErrno.fromLinux(17), "fds and counts pass through");
        assertEquals(-29, WasiErrno.fromLinux(-4007), "libbpf's own codes become EIO");
        assertEquals(-29, WasiErrno.fromLinux(-41), "a hole in Linux's table becomes EIO");
    }
}
