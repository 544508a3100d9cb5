package org.wasmbpf.host.libbpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.SymbolLookup;

/** The libbpf 1.x functions of {@link NativeCalls}, each bound on its first call. */
final class FfmLibbpfFunctions {
    private static final FunctionDescriptor POINTER_OF_POINTER = FunctionDescriptor.of(ADDRESS, ADDRESS);
    private static final FunctionDescriptor INT_OF_POINTER = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    private static final FunctionDescriptor POINTER_OF_POINTERS = FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS);

    final FfmFunction openMem;
    final FfmFunction load;
    final FfmFunction close;
    final FfmFunction findProgram;
    final FfmFunction findMap;
    final FfmFunction nextMap;
    final FfmFunction sectionName;
    final FfmFunction attach;
    final FfmFunction attachXdp;
    final FfmFunction attachCgroup;
    final FfmFunction linkDestroy;
    final FfmFunction mapName;
    final FfmFunction mapFd;
    final FfmFunction mapType;
    final FfmFunction mapKeySize;
    final FfmFunction mapValueSize;
    final FfmFunction mapMaxEntries;
    final FfmFunction numPossibleCpus;
    final FfmFunction strerror;
    final FfmFunction setPrint;
    final FfmFunction mapLookup;
    final FfmFunction mapUpdate;
    final FfmFunction mapDelete;
    final FfmFunction mapNextKey;

    FfmLibbpfFunctions(SymbolLookup lib) {
        openMem = FfmFunction.withErrno(lib, "bpf_object__open_mem",
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
        load = FfmFunction.of(lib, "bpf_object__load", INT_OF_POINTER);
        close = FfmFunction.of(lib, "bpf_object__close", FunctionDescriptor.ofVoid(ADDRESS));
        findProgram = FfmFunction.of(lib, "bpf_object__find_program_by_name", POINTER_OF_POINTERS);
        findMap = FfmFunction.of(lib, "bpf_object__find_map_by_name", POINTER_OF_POINTERS);
        nextMap = FfmFunction.of(lib, "bpf_object__next_map", POINTER_OF_POINTERS);
        sectionName = FfmFunction.of(lib, "bpf_program__section_name", POINTER_OF_POINTER);
        attach = FfmFunction.withErrno(lib, "bpf_program__attach", POINTER_OF_POINTER);
        attachXdp = FfmFunction.withErrno(lib, "bpf_program__attach_xdp", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
        attachCgroup = FfmFunction.withErrno(lib, "bpf_program__attach_cgroup",
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
        linkDestroy = FfmFunction.of(lib, "bpf_link__destroy", INT_OF_POINTER);
        mapName = FfmFunction.of(lib, "bpf_map__name", POINTER_OF_POINTER);
        mapFd = FfmFunction.of(lib, "bpf_map__fd", INT_OF_POINTER);
        mapType = FfmFunction.of(lib, "bpf_map__type", INT_OF_POINTER);
        mapKeySize = FfmFunction.of(lib, "bpf_map__key_size", INT_OF_POINTER);
        mapValueSize = FfmFunction.of(lib, "bpf_map__value_size", INT_OF_POINTER);
        mapMaxEntries = FfmFunction.of(lib, "bpf_map__max_entries", INT_OF_POINTER);
        numPossibleCpus = FfmFunction.of(lib, "libbpf_num_possible_cpus", FunctionDescriptor.of(JAVA_INT));
        strerror = FfmFunction.of(lib, "libbpf_strerror", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG));
        setPrint = FfmFunction.of(lib, "libbpf_set_print", POINTER_OF_POINTER);
        mapLookup = FfmFunction.critical(lib, "bpf_map_lookup_elem", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        mapUpdate = FfmFunction.critical(lib, "bpf_map_update_elem",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
        mapDelete = FfmFunction.critical(lib, "bpf_map_delete_elem", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        mapNextKey = FfmFunction.critical(lib, "bpf_map_get_next_key",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }
}
