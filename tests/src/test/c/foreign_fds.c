/* A guest that operates on map fds it does not own: every one must be refused with -EBADF.
 * It probes before it loads anything and again after it destroyed its object (the host process
 * has plenty of open fds, BPF maps among them once the object was loaded), and checks in between
 * that the map it did load answers normally. */
#include "bootstrap.wasm.h"
#include "bootstrap.skel.h"

static void probe_all(const char *phase) {
    int key = 12345, probed = 0, refused = 0;
    uint64_t value = 0;
    for (int fd = -1; fd < 256; fd++) {
        int r = bpf_map_lookup_elem(fd, &key, &value);
        probed++;
        if (r == -EBADF)
            refused++;
        else
            printf("%s: fd %d lookup -> %d\n", phase, fd, r);
    }
    printf("%s: probed %d refused %d\n", phase, probed, refused);
}

int main(void) {
    probe_all("before load");
    struct bootstrap_bpf *skel = bootstrap_bpf__open_and_load();
    if (!skel) {
        printf("load failed\n");
        return 1;
    }
    int key = 12345;
    uint64_t value = 0;
    int r = bpf_map_lookup_elem(bpf_map__fd(skel->maps.exec_start), &key, &value);
    printf("own fd lookup of a missing key -> %s\n", r == -ENOENT ? "ENOENT" : "unexpected");
    bootstrap_bpf__destroy(skel);
    probe_all("after destroy");
    return 0;
}
