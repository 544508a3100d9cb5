package org.wasmbpf.host.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ObjectNameTest {
    @Test
    void anObjectIsNamedAfterItsModuleFile() {
        assertEquals("bootstrap", GuestBpfObjects.objectNameFor("bootstrap.wasm"));
        assertEquals("runqlat", GuestBpfObjects.objectNameFor("/opt/tools/runqlat.opt.wasm"));
        assertEquals("tool", GuestBpfObjects.objectNameFor("tool"));
    }

    @Test
    void aModuleWithoutAUsableNameGivesTheDefault() {
        assertEquals(GuestBpfObjects.DEFAULT_OBJECT_NAME, GuestBpfObjects.objectNameFor(null));
        assertEquals(GuestBpfObjects.DEFAULT_OBJECT_NAME, GuestBpfObjects.objectNameFor(".wasm"));
        assertEquals(GuestBpfObjects.DEFAULT_OBJECT_NAME, GuestBpfObjects.objectNameFor("dir/"));
    }
}
