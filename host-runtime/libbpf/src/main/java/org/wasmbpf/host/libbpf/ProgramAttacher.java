package org.wasmbpf.host.libbpf;

/**
 * Attaches one program as the wasm-bpf contract says: by its ELF section (libbpf auto-attach),
 * except xdp (target: interface name) and sockops/cgroup sections (target: cgroup path).
 */
final class ProgramAttacher {
    private ProgramAttacher() {}

    static boolean takesInterface(String section) {
        return section.equals("xdp") || section.startsWith("xdp.") || section.startsWith("xdp/");
    }

    static boolean takesCgroup(String section) {
        return section.equals("sockops") || section.startsWith("sockops/") || section.startsWith("cgroup");
    }

    /** @return the libbpf link; throws BpfException naming program, section and cause. */
    static long attach(long prog, String name, String section, String target) {
        NativeCalls bpf = Native.calls();
        boolean hasTarget = target != null && !target.isEmpty();
        String what = "attach program '" + name + "' (section '" + section + "')";
        LibbpfLog.clear();
        long link;
        int errno;
        if (takesInterface(section)) {
            if (!hasTarget) {
                throw new BpfException(Errno.EINVAL, what + ": an xdp program needs a network interface name as target");
            }
            int ifindex = bpf.ifNametoindex(target);
            if (ifindex == 0) {
                throw new BpfException(Errno.ENODEV, what + ": no network interface '" + target + "'");
            }
            link = bpf.bpfProgramAttachXdp(prog, ifindex);
            errno = bpf.errno();
        } else if (takesCgroup(section)) {
            if (!hasTarget) {
                throw new BpfException(Errno.EINVAL, what + ": needs a cgroup path as target");
            }
            int fd = bpf.open(target, LibcNative.O_RDONLY | LibcNative.O_CLOEXEC);
            if (fd < 0) {
                int openErrno = bpf.errno();
                throw new BpfException(openErrno,
                        what + ": cannot open cgroup '" + target + "': " + Errno.describe(openErrno));
            }
            try {
                link = bpf.bpfProgramAttachCgroup(prog, fd);
                errno = bpf.errno();
            } finally {
                bpf.close(fd); // the link holds its own reference to the cgroup
            }
        } else {
            if (hasTarget) {
                throw new BpfException(Errno.EINVAL, what + ": takes no attach target, got '" + target + "'");
            }
            if (Tracefs.neededBy(section)) {
                Tracefs.ensureMounted();
            }
            link = bpf.bpfProgramAttach(prog);
            errno = bpf.errno();
        }
        if (link == 0) {
            throw new BpfException(errno, what + (hasTarget ? " to '" + target + "'" : "") + ": " + Errno.describe(errno),
                    LibbpfLog.tail());
        }
        return link;
    }
}
