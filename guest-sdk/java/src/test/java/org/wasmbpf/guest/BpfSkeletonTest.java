package org.wasmbpf.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BpfSkeletonTest {
    /** So that {@code try (XSkel skel = XSkel.open())} needs no catch of Exception. */
    @Test
    void closeThrowsNoCheckedException() throws Exception {
        assertTrue(AutoCloseable.class.isAssignableFrom(BpfSkeleton.class));
        assertEquals(0, BpfSkeleton.class.getMethod("close").getExceptionTypes().length);
    }

    @Test
    void closingAnUnloadedSkeletonDoesNothing() {
        try (BpfSkeleton skel = new BpfSkeleton(new byte[0]) { }) {
            assertTrue(skel.elf().length == 0);
        }
    }
}
