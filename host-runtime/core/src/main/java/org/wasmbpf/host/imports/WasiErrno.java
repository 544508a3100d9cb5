package org.wasmbpf.host.imports;

import org.wasmbpf.host.libbpf.Errno;

/**
 * Translates the host's Linux errno values into the WASI numbering a guest's libc uses.
 * Guests compare results with their own {@code EINTR}, {@code ENOENT}, {@code EBADF}: under
 * wasi-libc (C), Rust's wasm32-wasi libc and TinyGo those are WASI's numbers (27, 44, 8), not
 * Linux's (4, 2, 9). Without this a C guest never sees {@code -EINTR} on Ctrl-C and its map
 * walks never end on {@code -ENOENT}. The constants are WASI preview1's errno values, for every
 * part of the host that answers a guest (the imports, and both engines' own WASI additions).
 * The one WASI table on the host side; {@link #fromLinux} is called only by
 * {@code ImportResults.guestResult}.
 */
public final class WasiErrno {
    public static final int SUCCESS = 0;
    public static final int EACCES = 2;
    public static final int EBADF = 8;
    public static final int EFAULT = 21;
    public static final int EINTR = 27;
    public static final int EINVAL = 28;
    public static final int ENODEV = 43;
    public static final int ENOENT = 44;
    public static final int EBUSY = 10;
    /** Also what Linux errnos WASI has no name for become (libbpf's 4000+ codes too). */
    public static final int EIO = 29;
    public static final int ENOSYS = 52;
    public static final int ENOTSUP = 58;
    public static final int ESPIPE = 70;

    /** Index: Linux errno; value: WASI errno, 0 where WASI has no equivalent. */
    private static final int[] LINUX_TO_WASI = new int[134];

    static {
        int[][] pairs = {
            {1, 63}, {2, 44}, {3, 71}, {4, 27}, {5, 29}, {6, 60}, {7, 1}, {8, 45}, {9, 8}, {10, 12},
            {11, 6}, {12, 48}, {13, 2}, {14, 21}, {16, 10}, {17, 20}, {18, 75}, {19, 43}, {20, 54},
            {21, 31}, {22, 28}, {23, 41}, {24, 33}, {25, 59}, {26, 74}, {27, 22}, {28, 51}, {29, 70},
            {30, 69}, {31, 34}, {32, 64}, {33, 18}, {34, 68}, {35, 16}, {36, 37}, {37, 46}, {38, 52},
            {39, 55}, {40, 32}, {42, 49}, {43, 24}, {67, 47}, {71, 65}, {72, 36}, {74, 9}, {75, 61},
            {84, 25}, {88, 57}, {89, 17}, {90, 35}, {91, 67}, {92, 50}, {93, 66}, {95, 58}, {97, 5},
            {98, 3}, {99, 4}, {100, 38}, {101, 40}, {102, 39}, {103, 13}, {104, 15}, {105, 42},
            {106, 30}, {107, 53}, {110, 73}, {111, 14}, {113, 23}, {114, 7}, {115, 26}, {116, 72},
            {122, 19}, {125, 11}, {130, 62}, {131, 56},
        };
        for (int[] p : pairs) {
            LINUX_TO_WASI[p[0]] = p[1];
        }
    }

    private WasiErrno() {}

    /** A result that is either non-negative (passed through) or a negative Linux errno. */
    public static int fromLinux(int result) {
        if (result >= 0) {
            return result;
        }
        int linux = -result;
        if (linux == Errno.ENOTSUPP_KERNEL) {
            return -ENOTSUP;
        }
        int wasi = linux < LINUX_TO_WASI.length ? LINUX_TO_WASI[linux] : 0;
        return -(wasi != 0 ? wasi : EIO);
    }
}
