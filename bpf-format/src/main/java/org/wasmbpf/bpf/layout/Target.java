package org.wasmbpf.bpf.layout;

/** A C ABI whose struct layout we model: only the sizes that differ between BPF and wasm32. */
public enum Target {
    /** clang -target bpf: LP64. Layout is taken from BTF, which clang wrote for this target. */
    BPF(8, 8),
    /** clang --target=wasm32-wasi: ILP32, natural alignment, long long and double 8-aligned. */
    WASM32(4, 4);

    private final int pointerSize;
    private final int longSize;

    Target(int pointerSize, int longSize) {
        this.pointerSize = pointerSize;
        this.longSize = longSize;
    }

    public int pointerSize() {
        return pointerSize;
    }

    public int longSize() {
        return longSize;
    }
}
