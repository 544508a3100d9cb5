package org.wasmbpf.host.libbpf;

/** The errno values the host returns to guests (Linux numbering, same on x86-64 and aarch64). */
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

    private Errno() {}

    /** libc's description of {@code errno} (sign ignored), e.g. "No such file or directory". */
    public static String describe(int errno) {
        int e = Math.abs(errno);
        try {
            String s = Native.libc().strerror(e);
            return s != null ? s : "errno " + e;
        } catch (LinkageError | RuntimeException notLoaded) {
            return "errno " + e;
        }
    }
}
