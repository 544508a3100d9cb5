package org.wasmbpf.examples.bootstrap;

import org.wasmbpf.guest.StructView;

/*
 * Hand-written in the shape `skeleton-gen java` is to emit for each struct the kernel and the
 * guest share: offsets and sizes from bootstrap.bpf.o's BTF (as bootstrap.wasm.h has them).
 */

/** {@code struct event} of bootstrap.h (168 bytes), read in place. */
public final class Event extends StructView {
    public static final int SIZE = 168;

    @Override
    public int size() {
        return SIZE;
    }

    /** {@code int pid} at 0. */
    public int pid() {
        return i32(0);
    }

    /** {@code int ppid} at 4. */
    public int ppid() {
        return i32(4);
    }

    /** {@code unsigned int exit_code} at 8. */
    public long exitCode() {
        return u32(8);
    }

    /** {@code unsigned long long duration_ns} at 16 (unsigned). */
    public long durationNs() {
        return i64(16);
    }

    /** {@code char comm[16]} at 24. */
    public String comm() {
        return string(24, 16);
    }

    /** {@code char filename[127]} at 40. */
    public String filename() {
        return string(40, 127);
    }

    /** {@code bool exit_event} at 167. */
    public boolean exitEvent() {
        return bool(167);
    }
}
