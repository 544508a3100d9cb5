package org.wasmbpf.host.libbpf;

/**
 * The host's one table of Linux errno values (the same on x86-64 and aarch64), which every host
 * layer below the imports speaks; the imports turn them into the guest's WASI numbers once
 * ({@code imports.WasiErrno}).
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int ENOMEM = 12;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ENOSYS = 38;
    public static final int ENOTSUP = 95;
    public static final int ECANCELED = 125;
    /** The kernel's internal ENOTSUPP, which leaks out of some bpf() calls; not in libc's table. */
    public static final int ENOTSUPP_KERNEL = 524;

    private Errno() {}

    /** libbpf's own codes (LIBBPF_ERRNO__*), e.g. 4001: "Invalid BPF object format". */
    private static final int LIBBPF_ERRNO_FIRST = 4000;
    private static final int LIBBPF_ERRNO_END = 4100;

    /**
     * libc's description of {@code errno} (sign ignored), e.g. "No such file or directory", or
     * libbpf's for its own codes.
     */
    public static String describe(int errno) {
        int e = Math.abs(errno);
        if (e >= LIBBPF_ERRNO_FIRST && e < LIBBPF_ERRNO_END) {
            try {
                String s = Native.calls().libbpfStrerror(e);
                if (s != null) {
                    return s;
                }
            } catch (LinkageError | RuntimeException notLoaded) {
                // fall through to libc's text
            }
        }
        try {
            String s = Native.calls().strerror(e);
            return s != null ? s : "errno " + e;
        } catch (LinkageError | RuntimeException notLoaded) {
            return "errno " + e;
        }
    }
}
