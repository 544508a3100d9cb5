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
        boolean hasTarget = target != null && !target.isEmpty();
        String what = "attach program '" + name + "' (section '" + section + "')";
        LibbpfLog.clear();
        Attempt a = attachOnce(prog, section, target, hasTarget, what);
        if (a.link() == 0) {
            throw new BpfException(a.errno(), what + (hasTarget ? " to '" + target + "'" : "") + ": "
                    + Errno.describe(a.errno()), LibbpfLog.tail());
        }
        return a.link();
    }

    /** A link, or 0 and the errno of the failure. */
    private record Attempt(long link, int errno) {}

    private static Attempt attachOnce(long prog, String section, String target, boolean hasTarget, String what) {
        NativeCalls bpf = Native.calls();
        if (takesInterface(section)) {
            if (!hasTarget) {
                throw new BpfException(Errno.EINVAL, what + ": an xdp program needs a network interface name as target");
            }
            int ifindex = bpf.ifNametoindex(target);
            if (ifindex == 0) {
                throw new BpfException(Errno.ENODEV, what + ": no network interface '" + target + "'");
            }
            long link = bpf.bpfProgramAttachXdp(prog, ifindex);
            return new Attempt(link, bpf.errno());
        }
        if (takesCgroup(section)) {
            if (!hasTarget) {
                throw new BpfException(Errno.EINVAL, what + ": needs a cgroup path as target");
            }
            int fd = bpf.open(target, NativeCalls.O_RDONLY | NativeCalls.O_CLOEXEC);
            if (fd < 0) {
                int openErrno = -fd;
                throw new BpfException(openErrno,
                        what + ": cannot open cgroup '" + target + "': " + Errno.describe(openErrno));
            }
            try {
                long link = bpf.bpfProgramAttachCgroup(prog, fd);
                int errno = bpf.errno();
                String notCgroup = link == 0 ? CgroupV2.whyNot(target) : null;
                if (notCgroup != null) {
                    throw new BpfException(errno, what + ": " + notCgroup);
                }
                return new Attempt(link, errno);
            } finally {
                bpf.close(fd); // the link holds its own reference to the cgroup
            }
        }
        if (hasTarget) {
            throw new BpfException(Errno.EINVAL, what + ": takes no attach target, got '" + target + "'");
        }
        if (Tracefs.neededBy(section)) {
            Tracefs.ensureMounted();
        }
        long link = bpf.bpfProgramAttach(prog);
        return new Attempt(link, bpf.errno());
    }
}
