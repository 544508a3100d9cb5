package org.wasmbpf.host.libbpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The binding the other kernel tests went through is the one asked for (the build runs them through both). */
class NativeBindingKernelTest {
    @Test
    void theRequestedBindingIsTheOneInUse() {
        String expected = System.getProperty(Native.BINDING_PROPERTY,
                Runtime.version().feature() >= 22 ? "ffm" : "jnr");
        assertEquals(expected, Native.bindingName());
        assertTrue(Libbpf.possibleCpus() > 0);
    }

    @Test
    void errnoTextComesFromLibcAndLibbpf() {
        assertEquals("No such file or directory", Errno.describe(-Errno.ENOENT));
        assertEquals("BPF object format invalid", Errno.describe(4001));
    }
}
