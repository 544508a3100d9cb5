package org.wasmbpf.host.libbpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.wasmbpf.host.libbpf.testing.TestBpfObjects;

/** xdp takes an interface name and sockops a cgroup path as their attach targets. */
class AttachTargetKernelTest {

    @Test
    void xdpOnLoopbackSeesPacketsSentToLocalhost() throws Exception {
        try (BpfObject obj = open()) {
            obj.load();
            obj.attach("count_packets", "lo");
            try (DatagramSocket s = new DatagramSocket()) {
                for (int i = 0; i < 5; i++) {
                    s.send(new DatagramPacket(new byte[8], 8, InetAddress.getLoopbackAddress(), 9));
                }
            }
            assertTrue(seen(obj, 0) >= 5, "xdp counted the loopback packets: " + seen(obj, 0));
        }
    }

    @Test
    void xdpNeedsAnExistingInterface() throws Exception {
        try (BpfObject obj = open()) {
            obj.load();
            BpfException e = assertThrows(BpfException.class, () -> obj.attach("count_packets", "nosuchif0"));
            assertEquals(Errno.ENODEV, e.errno());
            assertTrue(e.getMessage().contains("nosuchif0"), e.getMessage());
            assertThrows(BpfException.class, () -> obj.attach("count_packets", null), "no target at all");
        }
    }

    @Test
    void sockopsOnACgroupSeesLoopbackConnections() throws Exception {
        try (BpfObject obj = open()) {
            obj.load();
            obj.attach("count_sockops", cgroup2Root().toString());
            try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                    Socket accepted = server.accept()) {
                client.getOutputStream().write(1);
                assertEquals(1, accepted.getInputStream().read());
            }
            assertTrue(seen(obj, 1) > 0, "sockops saw the connection");
        }
    }

    @Test
    void sockopsNeedsAnExistingCgroup() throws Exception {
        try (BpfObject obj = open()) {
            obj.load();
            BpfException e = assertThrows(BpfException.class,
                    () -> obj.attach("count_sockops", "/sys/fs/cgroup/no-such-cgroup"));
            assertEquals(Errno.ENOENT, e.errno());
            assertTrue(e.getMessage().contains("no-such-cgroup"), e.getMessage());
        }
    }

    @Test
    void sockopsOnADirectoryOutsideTheCgroupHierarchySaysSo() throws Exception {
        Path notCgroup = Files.createTempDirectory("not-a-cgroup");
        try (BpfObject obj = open()) {
            obj.load();
            BpfException e = assertThrows(BpfException.class, () -> obj.attach("count_sockops", notCgroup.toString()));
            assertEquals(Errno.EBADF, e.errno(), "the kernel's errno is kept for the guest");
            assertTrue(e.getMessage().contains("'" + notCgroup + "' is on a "), e.getMessage());
            assertTrue(e.getMessage().contains("not in the cgroup v2 hierarchy (it is mounted at " + cgroup2Root() + ")"),
                    e.getMessage());
        } finally {
            Files.delete(notCgroup);
        }
    }

    @Test
    void sockopsOnAFileSaysItIsNoDirectory() throws Exception {
        Path file = Files.createTempFile("not-a-cgroup", ".txt");
        try (BpfObject obj = open()) {
            obj.load();
            BpfException e = assertThrows(BpfException.class, () -> obj.attach("count_sockops", file.toString()));
            assertTrue(e.getMessage().endsWith("'" + file + "' is not a directory"), e.getMessage());
        } finally {
            Files.delete(file);
        }
    }

    private static BpfObject open() throws Exception {
        return BpfObject.open(TestBpfObjects.compile("attach_targets"), "attach_targets");
    }

    private static long seen(BpfObject obj, int slot) {
        byte[] value = new byte[8];
        byte[] key = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(slot).array();
        assertEquals(0, BpfMaps.lookup(obj.mapFd("seen"), key, value));
        return ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** Where the unified (v2) cgroup hierarchy is mounted; sockops attaches only there. */
    private static Path cgroup2Root() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
            String[] f = line.split(" ");
            if (f.length > 2 && f[2].equals("cgroup2")) {
                return Path.of(f[1]);
            }
        }
        throw new IllegalStateException("no cgroup2 hierarchy is mounted: sockops programs cannot be attached here");
    }
}
