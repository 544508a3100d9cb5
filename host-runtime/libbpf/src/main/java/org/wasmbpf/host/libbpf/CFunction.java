package org.wasmbpf.host.libbpf;

import static org.wasmbpf.host.libbpf.CFunction.Kind.INT;
import static org.wasmbpf.host.libbpf.CFunction.Kind.IN_ARRAY;
import static org.wasmbpf.host.libbpf.CFunction.Kind.LONG;
import static org.wasmbpf.host.libbpf.CFunction.Kind.OUT_ARRAY;
import static org.wasmbpf.host.libbpf.CFunction.Kind.POINTER;
import static org.wasmbpf.host.libbpf.CFunction.Kind.VOID;
import static org.wasmbpf.host.libbpf.CFunction.Library.LIBBPF;
import static org.wasmbpf.host.libbpf.CFunction.Library.LIBC;

/**
 * Every C function the host calls, declared once: its library, result and parameter kinds. Both
 * bindings are made from this list ({@code FfmBinding} on JDK 22+, {@link JnrBinding} through
 * jffi before), so adding a function is one line here and its use in {@link NativeCalls} or
 * {@link BufferCalls}. The symbol is the constant's name in lower case.
 *
 * <p>A function with an array parameter is a short "critical" call that reads and writes Java
 * arrays in place (the GC waits for it); all of them take {@link #CRITICAL_SHAPE}'s parameters or
 * a prefix of them, so that the java.lang.foreign binding binds them with one shape too.
 */
enum CFunction {
    BPF_OBJECT__OPEN_MEM(LIBBPF, POINTER, POINTER, LONG, POINTER),
    BPF_OBJECT__LOAD(LIBBPF, INT, POINTER),
    BPF_OBJECT__CLOSE(LIBBPF, VOID, POINTER),
    BPF_OBJECT__FIND_PROGRAM_BY_NAME(LIBBPF, POINTER, POINTER, POINTER),
    BPF_OBJECT__FIND_MAP_BY_NAME(LIBBPF, POINTER, POINTER, POINTER),
    BPF_OBJECT__NEXT_MAP(LIBBPF, POINTER, POINTER, POINTER),
    BPF_PROGRAM__SECTION_NAME(LIBBPF, POINTER, POINTER),
    BPF_PROGRAM__ATTACH(LIBBPF, POINTER, POINTER),
    BPF_PROGRAM__ATTACH_XDP(LIBBPF, POINTER, POINTER, INT),
    BPF_PROGRAM__ATTACH_CGROUP(LIBBPF, POINTER, POINTER, INT),
    BPF_LINK__DESTROY(LIBBPF, INT, POINTER),
    BPF_MAP__NAME(LIBBPF, POINTER, POINTER),
    BPF_MAP__FD(LIBBPF, INT, POINTER),
    BPF_MAP__TYPE(LIBBPF, INT, POINTER),
    BPF_MAP__KEY_SIZE(LIBBPF, INT, POINTER),
    BPF_MAP__VALUE_SIZE(LIBBPF, INT, POINTER),
    BPF_MAP__MAX_ENTRIES(LIBBPF, INT, POINTER),
    LIBBPF_NUM_POSSIBLE_CPUS(LIBBPF, INT),
    /** Describes libbpf's own error codes (4000 and up), which strerror calls "Unknown error". */
    LIBBPF_STRERROR(LIBBPF, INT, INT, POINTER, LONG),
    LIBBPF_SET_PRINT(LIBBPF, POINTER, POINTER),
    // The low-level map API of libbpf >= 1.0 returns -errno directly; a null array is NULL.
    BPF_MAP_LOOKUP_ELEM(LIBBPF, INT, INT, IN_ARRAY, OUT_ARRAY),
    BPF_MAP_UPDATE_ELEM(LIBBPF, INT, INT, IN_ARRAY, IN_ARRAY, LONG),
    BPF_MAP_DELETE_ELEM(LIBBPF, INT, INT, IN_ARRAY),
    BPF_MAP_GET_NEXT_KEY(LIBBPF, INT, INT, IN_ARRAY, OUT_ARRAY),
    RING_BUFFER__NEW(LIBBPF, POINTER, INT, POINTER, POINTER, POINTER),
    RING_BUFFER__POLL(LIBBPF, INT, POINTER, INT),
    RING_BUFFER__FREE(LIBBPF, VOID, POINTER),
    PERF_BUFFER__NEW(LIBBPF, POINTER, INT, LONG, POINTER, POINTER, POINTER, POINTER),
    PERF_BUFFER__BUFFER_CNT(LIBBPF, LONG, POINTER),
    /** The ring's mapping (the perf_event_mmap_page, then its data) and the data's size, through two pointers. */
    PERF_BUFFER__BUFFER(LIBBPF, INT, POINTER, INT, POINTER, POINTER),
    PERF_BUFFER__EPOLL_FD(LIBBPF, INT, POINTER),
    PERF_BUFFER__FREE(LIBBPF, VOID, POINTER),
    IF_NAMETOINDEX(LIBC, INT, POINTER),
    /** Variadic, but its third argument (mode) is read only with O_CREAT, which the host never passes. */
    OPEN(LIBC, INT, POINTER, INT),
    CLOSE(LIBC, INT, INT),
    MOUNT(LIBC, INT, POINTER, POINTER, POINTER, LONG, POINTER),
    STRERROR(LIBC, POINTER, INT),
    STRLEN(LIBC, LONG, POINTER),
    VSNPRINTF(LIBC, INT, POINTER, LONG, POINTER, POINTER),
    CALLOC(LIBC, POINTER, LONG, LONG),
    FREE(LIBC, VOID, POINTER),
    SYSCONF(LIBC, LONG, INT),
    MMAP(LIBC, POINTER, POINTER, LONG, INT, INT, INT, LONG),
    MUNMAP(LIBC, INT, POINTER, LONG),
    EPOLL_CREATE1(LIBC, INT, INT),
    EPOLL_CTL(LIBC, INT, INT, INT, INT, POINTER),
    EPOLL_WAIT(LIBC, INT, INT, POINTER, INT, INT);

    /** Where a function is found: libbpf.so.1, or the C library the JVM already has loaded. */
    enum Library { LIBBPF, LIBC }

    /**
     * A C value: {@code INT} a 32-bit integer (int, unsigned int, enum), {@code LONG} a 64-bit one
     * (long, size_t, __u64), {@code POINTER} an address (0 is NULL), {@code IN_ARRAY} and
     * {@code OUT_ARRAY} a Java byte array the callee reads or writes in place (null is NULL).
     */
    enum Kind { VOID, INT, LONG, POINTER, IN_ARRAY, OUT_ARRAY }

    /** The parameters of every critical call: an fd, two arrays, flags. */
    static final Kind[] CRITICAL_SHAPE = {INT, IN_ARRAY, OUT_ARRAY, LONG};
    /** Parameters a call of the one plain shape passes: one integer register each on x86-64 and AArch64. */
    static final int MAX_PARAMETERS = 6;

    private final Library library;
    private final Kind result;
    private final Kind[] parameters;

    CFunction(Library library, Kind result, Kind... parameters) {
        this.library = library;
        this.result = result;
        this.parameters = parameters;
    }

    Library library() {
        return library;
    }

    String symbol() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    Kind result() {
        return result;
    }

    int parameterCount() {
        return parameters.length;
    }

    Kind parameter(int i) {
        return parameters[i];
    }

    /** Whether it takes Java arrays in place, and so is called with {@link NativeBinding#callWithArrays}. */
    boolean critical() {
        for (Kind k : parameters) {
            if (k == IN_ARRAY || k == OUT_ARRAY) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why this declaration cannot be bound as the bindings bind it, or null: a plain call has at
     * most {@link #MAX_PARAMETERS} integer or pointer parameters; a critical call's parameters
     * are a prefix of {@link #CRITICAL_SHAPE} (either array kind in an array's place) with an
     * {@code int} result.
     */
    String unbindableBecause() {
        if (!critical()) {
            return parameters.length > MAX_PARAMETERS ? "more than " + MAX_PARAMETERS + " parameters" : null;
        }
        if (result != INT || parameters.length > CRITICAL_SHAPE.length) {
            return "a critical call returns int and takes at most " + CRITICAL_SHAPE.length + " parameters";
        }
        for (int i = 0; i < parameters.length; i++) {
            boolean array = parameters[i] == IN_ARRAY || parameters[i] == OUT_ARRAY;
            boolean arraySlot = CRITICAL_SHAPE[i] == IN_ARRAY || CRITICAL_SHAPE[i] == OUT_ARRAY;
            if (array != arraySlot || !array && parameters[i] != CRITICAL_SHAPE[i]) {
                return "parameter " + i + " is " + parameters[i] + " where a critical call takes " + CRITICAL_SHAPE[i];
            }
        }
        return null;
    }
}
