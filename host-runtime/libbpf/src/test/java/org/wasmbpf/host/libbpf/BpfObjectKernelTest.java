package org.wasmbpf.host.libbpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasmbpf.host.libbpf.testing.KernelObjects;
import org.wasmbpf.host.libbpf.testing.TestBpfObjects;
import org.wasmbpf.host.libbpf.testing.TestLibc;

/** Loads real programs into the running kernel, triggers them and reads what they report. */
class BpfObjectKernelTest {
    private static final int CALLS = 25;

    /** The getppid test object, with its const volatile target_tgid set to this JVM. */
    static BpfObject openGetppid() throws Exception {
        byte[] elf = TestBpfObjects.compile("getppid");
        TestBpfObjects.patchU32(elf, ".rodata", 0, TestLibc.getpid());
        return BpfObject.open(elf, "getppid");
    }

    record Event(int tgid, long count) {
        static Event decode(ByteBuffer sample) {
            ByteBuffer b = sample.slice().order(ByteOrder.LITTLE_ENDIAN);
            return new Event(b.getInt(0), b.getLong(8));
        }
    }

    @Test
    void ringAndPerfBuffersDeliverEverySampleWithTheTriggeringProcessAndCount() throws Exception {
        try (BpfObject obj = openGetppid()) {
            obj.load();
            obj.attach("on_getppid", null);
            // A perf buffer only receives events output while it exists: open both first.
            BufferConsumer ringConsumer = obj.openBufferConsumer(obj.mapFd("events_rb"));
            BufferConsumer perfConsumer = obj.openBufferConsumer(obj.mapFd("events_pb"));
            for (int i = 0; i < CALLS; i++) {
                TestLibc.getppid();
            }
            byte[] count = new byte[8];
            assertEquals(0, BpfMaps.lookup(obj.mapFd("counts"), le32(TestLibc.getpid()), count));
            assertEquals(CALLS, ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).getLong());
            List<Event> ring = drain(ringConsumer);
            List<Event> perf = drain(perfConsumer);
            List<Event> expected = new ArrayList<>();
            for (int i = 1; i <= CALLS; i++) {
                expected.add(new Event(TestLibc.getpid(), i));
            }
            assertEquals(expected, ring);
            assertEquals(expected, perf);
        }
    }

    @Test
    void aSinkThatStopsLeavesTheRestForTheNextPollInBothBufferKinds() throws Exception {
        try (BpfObject obj = openGetppid()) {
            obj.load();
            obj.attach("on_getppid", null);
            BufferConsumer ring = obj.openBufferConsumer(obj.mapFd("events_rb"));
            BufferConsumer perf = obj.openBufferConsumer(obj.mapFd("events_pb"));
            for (int i = 0; i < 3; i++) {
                TestLibc.getppid();
            }
            for (BufferConsumer c : List.of(ring, perf)) {
                List<Event> got = new ArrayList<>();
                assertEquals(7, c.poll(1000, s -> {
                    got.add(Event.decode(s));
                    return 7;
                }), "the stopping sink's result is returned");
                assertEquals(List.of(1L), got.stream().map(Event::count).toList());
                got.clear();
                assertEquals(2, c.poll(1000, s -> {
                    got.add(Event.decode(s));
                    return 0;
                }));
                assertEquals(List.of(2L, 3L), got.stream().map(Event::count).toList());
            }
        }
    }

    @Test
    void hashMapOperationsRoundTripAndReportMissingKeysAsEnoent() throws Exception {
        try (BpfObject obj = openGetppid()) {
            obj.load();
            BpfMapInfo counts = obj.findMap("counts").orElseThrow();
            assertEquals(BpfMapInfo.TYPE_HASH, counts.type());
            assertEquals(4, counts.keySize());
            assertEquals(8, counts.valueSize());
            byte[] key = le32(42);
            byte[] value = new byte[8];
            assertEquals(-Errno.ENOENT, BpfMaps.lookup(counts.fd(), key, value));
            assertEquals(0, BpfMaps.update(counts.fd(), key, le64(0x1122334455L), BpfMaps.BPF_NOEXIST));
            assertEquals(-17 /* EEXIST */, BpfMaps.update(counts.fd(), key, le64(1), BpfMaps.BPF_NOEXIST));
            assertEquals(0, BpfMaps.lookup(counts.fd(), key, value));
            assertEquals(0x1122334455L, ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getLong());
            byte[] next = new byte[4];
            assertEquals(0, BpfMaps.getNextKey(counts.fd(), null, next));
            assertEquals(42, ByteBuffer.wrap(next).order(ByteOrder.LITTLE_ENDIAN).getInt());
            assertEquals(-Errno.ENOENT, BpfMaps.getNextKey(counts.fd(), key, next));
            assertEquals(0, BpfMaps.delete(counts.fd(), key));
            assertEquals(-Errno.ENOENT, BpfMaps.delete(counts.fd(), key));
            assertTrue(obj.findMap(".rodata").isPresent(), "internal maps are found by section name");
        }
    }

    @Test
    void verifierRejectionCarriesTheVerifierLog() throws Exception {
        try (BpfObject obj = BpfObject.open(TestBpfObjects.compile("rejected"), "rejected")) {
            BpfException e = assertThrows(BpfException.class, obj::load);
            assertEquals(Errno.EACCES, e.errno());
            assertTrue(e.summary().startsWith("load BPF object 'rejected': "), e.summary());
            assertTrue(e.getMessage().contains("invalid mem access 'map_value_or_null'"), e.getMessage());
            assertFalse(e.log().isEmpty());
        }
    }

    @Test
    void aVerifierLogLongerThanOnePrintBufferStillEndsWithTheRejection() throws Exception {
        try (BpfObject obj = BpfObject.open(TestBpfObjects.compile("rejected_long"), "rejected_long")) {
            BpfException e = assertThrows(BpfException.class, obj::load);
            assertEquals(LibbpfLog.KEPT_LINES, e.log().size(), "the log tail is full");
            assertTrue(e.getMessage().contains("invalid mem access 'map_value_or_null'"), e.getMessage());
        }
    }

    @Test
    void attachingToAMissingTracepointNamesProgramSectionAndCause() throws Exception {
        try (BpfObject obj = BpfObject.open(TestBpfObjects.compile("no_such_tracepoint"), "nowhere")) {
            obj.load();
            BpfException e = assertThrows(BpfException.class, () -> obj.attach("nowhere", null));
            assertEquals(Errno.ENOENT, e.errno());
            assertEquals("attach program 'nowhere' (section 'tracepoint/syscalls/sys_enter_no_such_syscall_xyz'): "
                    + "No such file or directory", e.summary());
        }
    }

    @Test
    void unknownProgramsMapsAndBadImagesFailWithTheirNames() throws Exception {
        try (BpfObject obj = openGetppid()) {
            obj.load();
            assertEquals("no program 'nope' in BPF object 'getppid'",
                    assertThrows(BpfException.class, () -> obj.attach("nope", null)).summary());
            assertEquals(Errno.ENOENT, assertThrows(BpfException.class, () -> obj.mapFd("nope")).errno());
            assertEquals(Errno.EINVAL,
                    assertThrows(BpfException.class, () -> obj.attach("on_getppid", "eth0")).errno());
            assertEquals(Errno.EINVAL,
                    assertThrows(BpfException.class, () -> obj.openBufferConsumer(obj.mapFd("counts"))).errno());
        }
        BpfException bad = assertThrows(BpfException.class, () -> BpfObject.open("not an ELF".getBytes(), "junk"));
        assertTrue(bad.summary().startsWith("open BPF object 'junk': "), bad.summary());
    }

    @Test
    void closeReleasesProgramsAndLinksFromTheKernel() throws Exception {
        // Only this object's program: another test run on the machine may load one of that name.
        List<Integer> others = KernelObjects.programIds("on_getppid");
        List<Integer> ids;
        try (BpfObject obj = openGetppid()) {
            obj.load();
            obj.attach("on_getppid", null);
            ids = new ArrayList<>(KernelObjects.programIds("on_getppid"));
            ids.removeAll(others);
            assertFalse(ids.isEmpty(), "bpftool shows the loaded program");
            assertTrue(KernelObjects.linkedProgramIds().containsAll(ids), "bpftool shows its link");
        }
        List<Integer> left = new ArrayList<>(KernelObjects.programIds("on_getppid"));
        left.retainAll(ids);
        assertEquals(List.of(), left);
        for (int id : ids) {
            assertFalse(KernelObjects.linkedProgramIds().contains(id), "link to prog " + id + " left behind");
        }
    }

    @Test
    void objectNamesAreMadeKernelSafe() {
        assertEquals("my_app_v1", BpfObject.sanitize("my-app.v1"));
        assertNotEquals("", BpfObject.sanitize(""));
    }

    private static List<Event> drain(BufferConsumer consumer) {
        List<Event> got = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 5000;
        while (got.size() < CALLS && System.currentTimeMillis() < deadline) {
            int n = consumer.poll(100, s -> {
                got.add(Event.decode(s));
                return 0;
            });
            assertTrue(n >= 0, "poll failed: " + n);
        }
        return got;
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static byte[] le64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }
}
