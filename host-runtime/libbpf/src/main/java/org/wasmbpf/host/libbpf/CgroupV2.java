package org.wasmbpf.host.libbpf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether a path is a directory of the unified (v2) cgroup hierarchy, the only place sockops and
 * cgroup programs attach. The kernel answers any other open fd with a bare EBADF, which names
 * neither the path nor what it should have been; this lets the error say both.
 */
final class CgroupV2 {
    static final Path MOUNTS = Path.of("/proc/self/mounts");

    private CgroupV2() {}

    /** Why {@code target} is no cgroup v2 directory, or null when it is one (or cannot be told). */
    static String whyNot(String target) {
        Path real;
        try {
            real = Path.of(target).toRealPath();
        } catch (IOException | RuntimeException e) {
            return null; // open() already failed for such a path and said why
        }
        if (!Files.isDirectory(real)) {
            return "'" + target + "' is not a directory";
        }
        List<String> mounts;
        try {
            mounts = Files.readAllLines(MOUNTS);
        } catch (IOException e) {
            return null;
        }
        String fsType = fsTypeOf(real, mounts);
        if (fsType == null || fsType.equals("cgroup2")) {
            return null;
        }
        return "'" + target + "' is on a " + fsType + " file system, not in the cgroup v2 hierarchy"
                + cgroup2Hint(mounts);
    }

    /** The file system type of the mount that holds {@code path}: the longest mount point above it. */
    static String fsTypeOf(Path path, List<String> mounts) {
        String best = null;
        int bestLength = -1;
        for (String line : mounts) {
            String[] f = line.split(" ");
            if (f.length < 3) {
                continue;
            }
            Path mountPoint = Path.of(unescape(f[1]));
            if (path.startsWith(mountPoint) && mountPoint.getNameCount() > bestLength) {
                best = f[2];
                bestLength = mountPoint.getNameCount();
            }
        }
        return best;
    }

    private static String cgroup2Hint(List<String> mounts) {
        for (String line : mounts) {
            String[] f = line.split(" ");
            if (f.length >= 3 && f[2].equals("cgroup2")) {
                return " (it is mounted at " + unescape(f[1]) + ")";
            }
        }
        return " (none is mounted: 'mount -t cgroup2 none /sys/fs/cgroup')";
    }

    /** /proc/mounts writes space, tab, newline and backslash in paths as octal escapes. */
    private static String unescape(String field) {
        return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }
}
