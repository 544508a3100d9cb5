package org.wasmbpf.bpf.btf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wasmbpf.bpf.layout.LayoutModel;
import org.wasmbpf.bpf.layout.Target;

/** The running kernel's BTF: decodes fast, holds well-known types, and every struct lays out. */
class VmlinuxBtfTest {
    private static final Path VMLINUX = Path.of("/sys/kernel/btf/vmlinux");
    static byte[] raw;
    static Btf btf;

    @BeforeAll
    static void read() throws Exception {
        assertTrue(Files.isReadable(VMLINUX), VMLINUX + " is not readable: this test needs a kernel with BTF "
                + "(CONFIG_DEBUG_INFO_BTF=y)");
        raw = Files.readAllBytes(VMLINUX);
        btf = Btf.parse(raw);
    }

    @Test
    void holdsManyTypesAndTaskStructWithA4BytePid() {
        assertTrue(btf.size() > 10000, "only " + btf.size() + " types");
        BtfType.Composite task = btf.composite("task_struct").orElseThrow();
        BtfType.Member pid = task.members().stream().filter(m -> m.name().equals("pid")).findFirst().orElseThrow();
        LayoutModel bpf = new LayoutModel(btf, Target.BPF);
        assertEquals(4, bpf.sizeOf(pid.type()));
        assertEquals("pid_t", btf.type(pid.type()).name());
        assertEquals(pid.bitOffset(), bpf.layout(task.id()).field("pid").bitOffset());
    }

    @Test
    void listHeadIsTwoPointers() {
        int id = btf.composite("list_head").orElseThrow().id();
        assertEquals(16, new LayoutModel(btf, Target.BPF).sizeOf(id));
        assertEquals(64, new LayoutModel(btf, Target.BPF).layout(id).field("prev").bitOffset());
        assertEquals(8, new LayoutModel(btf, Target.WASM32).sizeOf(id));
        assertEquals(32, new LayoutModel(btf, Target.WASM32).layout(id).field("prev").bitOffset());
    }

    @Test
    void everyStructAndUnionLaysOutOnBothTargets() {
        LayoutModel bpf = new LayoutModel(btf, Target.BPF);
        LayoutModel wasm = new LayoutModel(btf, Target.WASM32);
        int composites = 0;
        for (BtfType t : btf.types()) {
            if (t instanceof BtfType.Composite c) {
                assertEquals(c.size(), bpf.sizeOf(c.id()), "BPF size of [" + c.id() + "] " + c.name());
                assertTrue(wasm.sizeOf(c.id()) <= c.size(), "wasm32 has no wider members, yet [" + c.id() + "] " + c.name() + " grows");
                bpf.layout(c.id());
                wasm.layout(c.id());
                composites++;
            }
        }
        assertTrue(composites > 1000);
    }

    @Test
    void decodingTwiceGivesTheSameTypes() {
        // How fast it decodes is the bench's to say (a timed unit test fails on a loaded machine).
        Btf again = Btf.parse(raw);
        assertEquals(btf.size(), again.size());
        assertEquals(btf.types(), again.types());
    }
}
