package org.wasmbpf.host.libbpf;

/**
 * The libbpf and libc functions the host calls up to a program's attach, in plain Java types:
 * a pointer is its address and 0 is NULL. Two bindings implement it: {@link JnrNativeCalls}
 * (any JDK) and {@code FfmNativeCalls} ({@code java.lang.foreign}, JDK 22 and later), which
 * starts far sooner because it generates no classes ahead of the calls a run makes.
 */
interface NativeCalls {
    /** The ELF copy and the name libbpf reads until the object is closed. */
    interface ObjectMemory {
        /** Frees the memory; only after {@code bpf_object__close}. */
        void free();
    }

    /** {@code object} is 0 when libbpf failed, with {@code errno} saying why. */
    record OpenedObject(long object, int errno, ObjectMemory memory) {}

    /**
     * bpf_object__open_mem on a native copy of {@code elf}, with {@code objectName} as the object's
     * name and, unless null, {@code kernelBtf} as the BTF its CO-RE relocations resolve against.
     */
    OpenedObject bpfObjectOpenMem(byte[] elf, String objectName, String kernelBtf);

    int bpfObjectLoad(long obj);

    void bpfObjectClose(long obj);

    long bpfObjectFindProgramByName(long obj, String name);

    long bpfObjectFindMapByName(long obj, String name);

    long bpfObjectNextMap(long obj, long prev);

    String bpfProgramSectionName(long prog);

    long bpfProgramAttach(long prog);

    long bpfProgramAttachXdp(long prog, int ifindex);

    long bpfProgramAttachCgroup(long prog, int cgroupFd);

    int bpfLinkDestroy(long link);

    String bpfMapName(long map);

    int bpfMapFd(long map);

    int bpfMapType(long map);

    int bpfMapKeySize(long map);

    int bpfMapValueSize(long map);

    int bpfMapMaxEntries(long map);

    int libbpfNumPossibleCpus();

    /** libbpf_strerror's text for libbpf's own codes, or null when it has none. */
    String libbpfStrerror(int err);

    // The low-level map API of libbpf >= 1.0 returns -errno directly; a null key is NULL.
    int bpfMapLookupElem(int fd, byte[] key, byte[] value);

    int bpfMapUpdateElem(int fd, byte[] key, byte[] value, long flags);

    int bpfMapDeleteElem(int fd, byte[] key);

    int bpfMapGetNextKey(int fd, byte[] key, byte[] nextKey);

    int ifNametoindex(String name);

    int open(String path, int flags);

    int close(int fd);

    int mount(String source, String target, String fstype, long flags);

    String strerror(int errnum);

    /** errno as the last call of this binding on this thread left it. */
    int errno();

    /**
     * From now on, libbpf's messages go to {@link LibbpfLog}; until this is called libbpf prints
     * nothing. Called once, by {@link Native#startLogCapture}.
     */
    void captureLog();
}
