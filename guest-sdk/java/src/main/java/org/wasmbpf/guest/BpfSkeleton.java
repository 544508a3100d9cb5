package org.wasmbpf.guest;

/**
 * What a generated skeleton ({@code skeleton-gen java}) builds on: the object's ELF bytes, embedded
 * in the module, and its programs. The lifecycle is libbpf's: open (the generated class's
 * {@code open()}), set read-only globals through its {@code rodata()} view, {@link #load()},
 * {@link #attach()}, {@link #close()}.
 */
public abstract class BpfSkeleton implements AutoCloseable {
    private final byte[] elf;
    private final String[] programs;
    private BpfObject object;

    /** {@code programs}: the function names of the programs to auto-attach, in ELF symbol order. */
    protected BpfSkeleton(byte[] elf, String... programs) {
        this.elf = elf;
        this.programs = programs;
    }

    /** The ELF bytes the host will load; the rodata view writes into them. */
    protected final byte[] elf() {
        return elf;
    }

    /** Loads maps and programs into the kernel, with the read-only globals as set so far. */
    public void load() {
        if (object != null) {
            throw new IllegalStateException("the BPF object is already loaded");
        }
        object = BpfObject.load(elf);
    }

    /** Attaches every program where its ELF section says; stops at the first failure. */
    public void attach() {
        BpfObject obj = object();
        for (String program : programs) {
            obj.attach(program);
        }
    }

    /** The loaded object, for maps and explicit attach targets. */
    public BpfObject object() {
        if (object == null) {
            throw new IllegalStateException("the BPF object is not loaded: call load() first");
        }
        return object;
    }

    /** Detaches and frees everything loaded; safe to call when nothing was. */
    @Override
    public void close() {
        if (object != null) {
            BpfObject obj = object;
            object = null;
            obj.close();
        }
    }
}
