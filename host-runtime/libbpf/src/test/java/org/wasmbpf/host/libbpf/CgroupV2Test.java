package org.wasmbpf.host.libbpf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CgroupV2Test {
    private static final List<String> MOUNTS = List.of(
            "/dev/vda / ext4 rw,relatime 0 0",
            "cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid 0 0",
            "tmpfs /tmp tmpfs rw 0 0",
            "tmpfs /tmp/with\\040space tmpfs rw 0 0",
            "cgroup /sys/fs/cgroup/v1\\040cpu cgroup rw,cpu 0 0");

    @Test
    void theLongestMountPointAboveThePathDecides() {
        assertEquals("cgroup2", CgroupV2.fsTypeOf(Path.of("/sys/fs/cgroup/system.slice"), MOUNTS));
        assertEquals("ext4", CgroupV2.fsTypeOf(Path.of("/sys/fs/cgroupx"), MOUNTS), "a name prefix is no parent");
        assertEquals("tmpfs", CgroupV2.fsTypeOf(Path.of("/tmp/a"), MOUNTS));
    }

    @Test
    void escapedMountPointsAreMatched() {
        assertEquals("cgroup", CgroupV2.fsTypeOf(Path.of("/sys/fs/cgroup/v1 cpu/x"), MOUNTS));
        assertEquals("tmpfs", CgroupV2.fsTypeOf(Path.of("/tmp/with space/x"), MOUNTS));
    }
}
