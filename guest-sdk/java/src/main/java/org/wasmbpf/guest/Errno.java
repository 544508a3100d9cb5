package org.wasmbpf.guest;

/**
 * Error numbers as the host returns them: WASI's numbering (wasi_snapshot_preview1 {@code errno}),
 * not Linux's. Host functions return them negated.
 */
public final class Errno {
    public static final int EPERM = 63;
    public static final int ENOENT = 44;
    public static final int ESRCH = 71;
    public static final int EINTR = 27;
    public static final int EIO = 29;
    public static final int E2BIG = 1;
    public static final int EBADF = 8;
    public static final int EAGAIN = 6;
    public static final int ENOMEM = 48;
    public static final int EACCES = 2;
    public static final int EFAULT = 21;
    public static final int EBUSY = 10;
    public static final int EEXIST = 20;
    public static final int ENODEV = 43;
    public static final int EINVAL = 28;
    public static final int ENOSPC = 51;
    public static final int ERANGE = 68;
    public static final int ENOSYS = 52;
    public static final int ENOTSUP = 58;
    public static final int ETIMEDOUT = 73;

    /** The names in WASI errno order, from 0, one blank between. */
    private static final String NAMES = "ESUCCESS E2BIG EACCES EADDRINUSE EADDRNOTAVAIL EAFNOSUPPORT EAGAIN "
            + "EALREADY EBADF EBADMSG EBUSY ECANCELED ECHILD ECONNABORTED ECONNREFUSED ECONNRESET EDEADLK "
            + "EDESTADDRREQ EDOM EDQUOT EEXIST EFAULT EFBIG EHOSTUNREACH EIDRM EILSEQ EINPROGRESS EINTR EINVAL "
            + "EIO EISCONN EISDIR ELOOP EMFILE EMLINK EMSGSIZE EMULTIHOP ENAMETOOLONG ENETDOWN ENETRESET "
            + "ENETUNREACH ENFILE ENOBUFS ENODEV ENOENT ENOEXEC ENOLCK ENOLINK ENOMEM ENOMSG ENOPROTOOPT ENOSPC "
            + "ENOSYS ENOTCONN ENOTDIR ENOTEMPTY ENOTRECOVERABLE ENOTSOCK ENOTSUP ENOTTY ENXIO EOVERFLOW "
            + "EOWNERDEAD EPERM EPIPE EPROTO EPROTONOSUPPORT EPROTOTYPE ERANGE EROFS ESPIPE ESRCH ESTALE "
            + "ETIMEDOUT ETXTBSY EXDEV ENOTCAPABLE";

    private Errno() {
    }

    /** The symbolic name ("ENOENT"), or "errno N" for a number WASI does not define. */
    public static String name(int errno) {
        // Scanning one String keeps String.split, and with it java.util.regex, out of the module.
        int start = 0;
        for (int i = 0; i < errno && start >= 0; i++) {
            start = NAMES.indexOf(' ', start);
            start = start < 0 ? -1 : start + 1;
        }
        if (errno < 0 || start < 0) {
            return "errno " + errno;
        }
        int end = NAMES.indexOf(' ', start);
        return NAMES.substring(start, end < 0 ? NAMES.length() : end);
    }

    /** What wasi-libc's strerror says for the errors a wasm-bpf host returns; else the name. */
    public static String describe(int errno) {
        switch (errno) {
            case EPERM: return "Operation not permitted";
            case ENOENT: return "No such file or directory";
            case ESRCH: return "No such process";
            case EINTR: return "Interrupted system call";
            case EIO: return "I/O error";
            case E2BIG: return "Argument list too long";
            case EBADF: return "Bad file descriptor";
            case EAGAIN: return "Resource temporarily unavailable";
            case ENOMEM: return "Out of memory";
            case EACCES: return "Permission denied";
            case EFAULT: return "Bad address";
            case EBUSY: return "Resource busy";
            case EEXIST: return "File exists";
            case ENODEV: return "No such device";
            case EINVAL: return "Invalid argument";
            case ENOSPC: return "No space left on device";
            case ERANGE: return "Result not representable";
            case ENOSYS: return "Function not implemented";
            case ENOTSUP: return "Not supported";
            case ETIMEDOUT: return "Operation timed out";
            default: return name(errno);
        }
    }
}
