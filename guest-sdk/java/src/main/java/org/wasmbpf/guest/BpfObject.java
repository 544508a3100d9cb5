package org.wasmbpf.guest;

import org.teavm.interop.Address;

/**
 * A BPF object the host loaded into the kernel: its programs can be attached, its maps reached by
 * name. {@link #close()} detaches everything and frees the maps; use try-with-resources.
 */
public final class BpfObject implements AutoCloseable {
    private long handle;

    private BpfObject(long handle) {
        this.handle = handle;
    }

    /**
     * Loads an ELF object (as {@code clang -target bpf} wrote it, with BTF): the host CO-RE
     * relocates it for the running kernel and loads its maps and programs. Read-only globals must
     * be patched into {@code elf} before this (see {@link BpfSkeleton}).
     *
     * @throws BpfException EINVAL when the host could not load it; the host's log says why
     */
    public static BpfObject load(byte[] elf) {
        // The host copies the bytes during the call and runs no guest code meanwhile, so the array
        // cannot move under it.
        long handle = WasmBpf.loadBpfObject(Address.ofData(elf), elf.length);
        if (handle == 0) {
            throw new BpfException("loading the BPF object (" + elf.length + " bytes)", Errno.EINVAL);
        }
        return new BpfObject(handle);
    }

    /** The host's handle, for the raw {@link WasmBpf} functions. */
    public long handle() {
        return checkOpen();
    }

    /** Attaches a program by its function name, where its ELF section says (tracepoint, kprobe...). */
    public void attach(String program) {
        attach(program, null);
    }

    /**
     * Attaches a program to an explicit target: a cgroup path for {@code sockops}, an interface name
     * for {@code xdp}; {@code null} or "" for the ELF section's own.
     */
    public void attach(String program, String target) {
        long obj = checkOpen();
        byte[] name = Utf8.encode(program, true);
        byte[] to = target == null ? null : Utf8.encode(target, true);
        int result = WasmBpf.attachBpfProgram(obj, Address.ofData(name), to == null ? Address.fromInt(0) : Address.ofData(to));
        BpfException.check(result, "attaching program " + program);
    }

    /** The fd of a map by name ({@code .rodata} and the like for internal maps). */
    public int mapFd(String name) {
        long obj = checkOpen();
        byte[] cName = Utf8.encode(name, true);
        return BpfException.check(WasmBpf.mapFdByName(obj, Address.ofData(cName)), "finding map " + name);
    }

    /** A map by name, for lookups and updates with the given key and value sizes. */
    public BpfMap map(String name, int keySize, int valueSize) {
        return new BpfMap(this, name, mapFd(name), keySize, valueSize);
    }

    /** Detaches all programs and frees the maps; later calls do nothing. */
    @Override
    public void close() {
        if (handle != 0) {
            long obj = handle;
            handle = 0;
            BpfBuffer.forget(this);
            BpfException.check(WasmBpf.closeBpfObject(obj), "closing the BPF object");
        }
    }

    private long checkOpen() {
        if (handle == 0) {
            throw new BpfException("using a closed BPF object", Errno.EBADF);
        }
        return handle;
    }
}
