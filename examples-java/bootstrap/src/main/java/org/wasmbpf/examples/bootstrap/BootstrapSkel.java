package org.wasmbpf.examples.bootstrap;

import org.wasmbpf.guest.BpfBuffer;
import org.wasmbpf.guest.BpfMap;
import org.wasmbpf.guest.BpfSkeleton;
import org.wasmbpf.guest.StructView;

/*
 * Hand-written in the shape `skeleton-gen java --package org.wasmbpf.examples.bootstrap
 * bootstrap.bpf.o` is to emit (issue 5); the object's bytes and .rodata offset already come from
 * the build (BootstrapBpfData). Everything here that names a map, program or offset is what the
 * generator reads from the object's BTF and symbols.
 */

/** The skeleton of bootstrap.bpf.o: open, set {@link #rodata()}, load, attach, close. */
public final class BootstrapSkel extends BpfSkeleton {
    /** The object's read-only globals ({@code const volatile}), written into its bytes before load. */
    public static final class Rodata extends StructView {
        public static final int SIZE = 8;

        @Override
        public int size() {
            return SIZE;
        }

        /** {@code const volatile unsigned long long min_duration_ns} (unsigned). */
        public long minDurationNs() {
            return i64(0);
        }

        public Rodata minDurationNs(long value) {
            putI64(0, value);
            return this;
        }
    }

    private final Rodata rodata = new Rodata();

    private BootstrapSkel(byte[] elf) {
        super(elf, "handle_exec", "handle_exit");
        rodata.on(elf, BootstrapBpfData.RODATA_OFFSET);
    }

    /** A fresh skeleton with its own copy of the object's bytes. */
    public static BootstrapSkel open() {
        return new BootstrapSkel(BootstrapBpfData.elf());
    }

    /** Read-only globals; what is set after {@link #load()} does not reach the kernel. */
    public Rodata rodata() {
        return rodata;
    }

    /** {@code exec_start}: BPF_MAP_TYPE_HASH, 8192 entries, key {@code pid_t} (4), value {@code u64} (8). */
    public BpfMap execStart() {
        return object().map("exec_start", 4, 8);
    }

    /** {@code rb}: BPF_MAP_TYPE_RINGBUF of 256 KiB; each sample goes to {@code handler}. */
    public BpfBuffer openRb(BpfBuffer.Handler handler) {
        return BpfBuffer.open(object(), "rb", handler);
    }
}
