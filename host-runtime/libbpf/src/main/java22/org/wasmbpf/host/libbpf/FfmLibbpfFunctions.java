package org.wasmbpf.host.libbpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.SymbolLookup;

/** The libbpf 1.x functions of {@link NativeCalls}, each bound on its first call. */
final class FfmLibbpfFunctions {
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
        openMem = FfmFunction.of(lib, "bpf_object__open_mem");
        load = FfmFunction.of(lib, "bpf_object__load");
        close = FfmFunction.of(lib, "bpf_object__close");
        findProgram = FfmFunction.of(lib, "bpf_object__find_program_by_name");
        findMap = FfmFunction.of(lib, "bpf_object__find_map_by_name");
        nextMap = FfmFunction.of(lib, "bpf_object__next_map");
        sectionName = FfmFunction.of(lib, "bpf_program__section_name");
        attach = FfmFunction.of(lib, "bpf_program__attach");
        attachXdp = FfmFunction.of(lib, "bpf_program__attach_xdp");
        attachCgroup = FfmFunction.of(lib, "bpf_program__attach_cgroup");
        linkDestroy = FfmFunction.of(lib, "bpf_link__destroy");
        mapName = FfmFunction.of(lib, "bpf_map__name");
        mapFd = FfmFunction.of(lib, "bpf_map__fd");
        mapType = FfmFunction.of(lib, "bpf_map__type");
        mapKeySize = FfmFunction.of(lib, "bpf_map__key_size");
        mapValueSize = FfmFunction.of(lib, "bpf_map__value_size");
        mapMaxEntries = FfmFunction.of(lib, "bpf_map__max_entries");
        numPossibleCpus = FfmFunction.of(lib, "libbpf_num_possible_cpus");
        strerror = FfmFunction.of(lib, "libbpf_strerror");
        setPrint = FfmFunction.of(lib, "libbpf_set_print");
        mapLookup = FfmFunction.critical(lib, "bpf_map_lookup_elem", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        mapUpdate = FfmFunction.critical(lib, "bpf_map_update_elem",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
        mapDelete = FfmFunction.critical(lib, "bpf_map_delete_elem", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        mapNextKey = FfmFunction.critical(lib, "bpf_map_get_next_key",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }
}
