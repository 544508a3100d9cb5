package org.wasmbpf.guest;

import org.teavm.interop.Address;
import org.teavm.interop.Import;

/**
 * Text output through WASI {@code fd_write}, UTF-8 encoded. Stdout is line-buffered (a reader at the
 * other end of a pipe sees each line as it is printed, as C guests do with {@code _IOLBF}); stderr
 * is written at once. Cheaper in module size than {@code System.out}, which pulls in charsets.
 */
public final class Console {
    private static final int STDOUT = 1;
    private static final int STDERR = 2;

    private static byte[] pending = new byte[256];
    private static int pendingLength;
    /** iovec {buf, len} then nwritten, filled just before each fd_write. */
    private static final int[] IO = new int[3];

    private Console() {
    }

    @Import(module = "wasi_snapshot_preview1", name = "fd_write")
    private static native int fdWrite(int fd, Address iovs, int iovsLength, Address written);

    /** Prints text on stdout; complete lines go out now, a partial one waits for its newline. */
    public static void print(String text) {
        append(text);
        int lastNewline = pendingLength - 1;
        while (lastNewline >= 0 && pending[lastNewline] != '\n') {
            lastNewline--;
        }
        if (lastNewline >= 0) {
            write(STDOUT, pending, lastNewline + 1);
            System.arraycopy(pending, lastNewline + 1, pending, 0, pendingLength - lastNewline - 1);
            pendingLength -= lastNewline + 1;
        }
    }

    public static void println(String line) {
        print(line + "\n");
    }

    /** Writes one line on stderr, after whatever stdout still holds. */
    public static void err(String line) {
        printErr(line + "\n");
    }

    /** Writes text on stderr as it is, after whatever stdout still holds. */
    public static void printErr(String text) {
        flush();
        append(text);
        write(STDERR, pending, pendingLength);
        pendingLength = 0;
    }

    /** Writes a partial stdout line now. */
    public static void flush() {
        write(STDOUT, pending, pendingLength);
        pendingLength = 0;
    }

    private static void append(String text) {
        byte[] bytes = Utf8.encode(text, false);
        if (pendingLength + bytes.length > pending.length) {
            byte[] bigger = new byte[Math.max(pending.length * 2, pendingLength + bytes.length)];
            System.arraycopy(pending, 0, bigger, 0, pendingLength);
            pending = bigger;
        }
        System.arraycopy(bytes, 0, pending, pendingLength, bytes.length);
        pendingLength += bytes.length;
    }

    /** Writes all of bytes[0, length); a failed write is dropped, as there is nowhere to report it. */
    private static void write(int fd, byte[] bytes, int length) {
        int done = 0;
        while (done < length) {
            // No allocation between taking the addresses and the call: nothing can move the arrays.
            IO[0] = Address.ofData(bytes).add(done).toInt();
            IO[1] = length - done;
            Address io = Address.ofData(IO);
            if (fdWrite(fd, io, 1, io.add(8)) != 0 || IO[2] <= 0) {
                return;
            }
            done += IO[2];
        }
    }
}
