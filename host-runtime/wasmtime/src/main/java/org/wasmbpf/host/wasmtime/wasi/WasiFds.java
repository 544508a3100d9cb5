package org.wasmbpf.host.wasmtime.wasi;

import static org.wasmbpf.host.spi.ValType.I32;
import static org.wasmbpf.host.spi.ValType.I64;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.wasmbpf.host.GuestPointers;
import org.wasmbpf.host.imports.WasiErrno;
import org.wasmbpf.host.spi.GuestInstance;
import org.wasmbpf.host.spi.HostFunction;

/**
 * The three standard streams: {@code fd_write}, {@code fd_read}, {@code fd_fdstat_get},
 * {@code fd_close}, {@code fd_seek}. There are no other descriptors (no preopens).
 */
final class WasiFds {
    /** Reported for fds 0-2 so wasi-libc line-buffers stdout, as on a terminal. */
    private static final int FILETYPE_CHARACTER_DEVICE = 2;
    private static final int FDSTAT_SIZE = 24;
    private static final long RIGHTS_FD_READ = 1L << 1;
    private static final long RIGHTS_FD_WRITE = 1L << 6;

    private final InputStream stdin;
    private final LineStream stdout;
    private final LineStream stderr;

    WasiFds(InputStream stdin, OutputStream stdout, OutputStream stderr) {
        this.stdin = stdin;
        this.stdout = new LineStream(stdout);
        this.stderr = new LineStream(stderr);
    }

    List<HostFunction> functions() {
        return List.of(
                new HostFunction(WasiPreview1.MODULE, "fd_write", List.of(I32, I32, I32, I32), List.of(I32),
                        (g, a) -> result(() -> write(g, (int) a[0], (int) a[1], (int) a[2], (int) a[3]))),
                new HostFunction(WasiPreview1.MODULE, "fd_read", List.of(I32, I32, I32, I32), List.of(I32),
                        (g, a) -> result(() -> read(g, (int) a[0], (int) a[1], (int) a[2], (int) a[3]))),
                new HostFunction(WasiPreview1.MODULE, "fd_fdstat_get", List.of(I32, I32), List.of(I32),
                        (g, a) -> result(() -> fdstat(g, (int) a[0], (int) a[1]))),
                new HostFunction(WasiPreview1.MODULE, "fd_close", List.of(I32), List.of(I32),
                        (g, a) -> result(() -> isStdio((int) a[0]) ? WasiErrno.SUCCESS : WasiErrno.EBADF)),
                // No preopened directories: EBADF ends wasi-libc's preopen scan (ENOSYS would abort it).
                new HostFunction(WasiPreview1.MODULE, "fd_prestat_get", List.of(I32, I32), List.of(I32),
                        (g, a) -> new long[] {WasiErrno.EBADF}),
                new HostFunction(WasiPreview1.MODULE, "fd_seek", List.of(I32, I64, I32, I32), List.of(I32),
                        (g, a) -> result(() -> isStdio((int) a[0]) ? WasiErrno.ESPIPE : WasiErrno.EBADF)));
    }

    /** Writes out any unterminated last line. */
    void flush() {
        stdout.flushPartial();
        stderr.flushPartial();
    }

    private static long[] result(java.util.function.IntSupplier body) {
        return new long[] {WasiPreview1.guarded(body::getAsInt)};
    }

    private static boolean isStdio(int fd) {
        return fd >= 0 && fd <= 2;
    }

    private int write(GuestInstance g, int fd, int iovs, int iovCount, int writtenPtr) {
        LineStream out = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (out == null) {
            return WasiErrno.EBADF;
        }
        ByteBuffer vec = WasiMemory.read(g, iovs, Math.multiplyExact(iovCount, 8));
        int total = 0;
        for (int i = 0; i < iovCount; i++) {
            byte[] data = GuestPointers.read(g.memory(), vec.getInt(8 * i), vec.getInt(8 * i + 4));
            out.write(data);
            total += data.length;
        }
        WasiMemory.writeI32(g, writtenPtr, total);
        return WasiErrno.SUCCESS;
    }

    private int read(GuestInstance g, int fd, int iovs, int iovCount, int readPtr) {
        if (fd != 0) {
            return WasiErrno.EBADF;
        }
        ByteBuffer vec = WasiMemory.read(g, iovs, Math.multiplyExact(iovCount, 8));
        int total = 0;
        try {
            for (int i = 0; i < iovCount && stdin != null; i++) {
                int ptr = vec.getInt(8 * i);
                int len = vec.getInt(8 * i + 4);
                GuestPointers.checkRange(g.memory(), ptr, len);
                byte[] buf = new byte[len];
                int n = stdin.read(buf);
                if (n <= 0) {
                    break;
                }
                GuestPointers.write(g.memory(), ptr, buf, 0, n);
                total += n;
                if (n < len) {
                    break;
                }
            }
        } catch (IOException e) {
            return WasiErrno.EIO;
        }
        WasiMemory.writeI32(g, readPtr, total);
        return WasiErrno.SUCCESS;
    }

    private int fdstat(GuestInstance g, int fd, int ptr) {
        if (!isStdio(fd)) {
            return WasiErrno.EBADF;
        }
        long rights = fd == 0 ? RIGHTS_FD_READ : RIGHTS_FD_WRITE;
        WasiMemory.write(g, ptr, WasiMemory.struct(FDSTAT_SIZE)
                .put(0, (byte) FILETYPE_CHARACTER_DEVICE)
                .putLong(8, rights)
                .putLong(16, 0));
        return WasiErrno.SUCCESS;
    }
}
