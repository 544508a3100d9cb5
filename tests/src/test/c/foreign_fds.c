/* A guest that operates on map fds it never loaded: every one must be refused with -EBADF,
 * while the fd of the map it did load answers normally. */
#include "bootstrap.wasm.h"
#include "bootstrap.skel.h"

int main(void) {
    struct bootstrap_bpf *skel = bootstrap_bpf__open_and_load();
    if (!skel) {
        printf("load failed\n");
        return 1;
    }
    int own = bpf_map__fd(skel->maps.exec_start);
    int key = 12345;
    uint64_t value = 0;
    int r = bpf_map_lookup_elem(own, &key, &value);
    printf("own fd lookup of a missing key -> %s\n", r == -ENOENT ? "ENOENT" : "unexpected");
    int foreign = 0, refused = 0;
    for (int fd = -1; fd < 256; fd++) {
        if (fd == own || fd == bpf_map__fd(skel->maps.rb) || fd == bpf_map__fd(skel->maps.rodata))
            continue;
        foreign++;
        r = bpf_map_lookup_elem(fd, &key, &value);
        if (r == -EBADF)
            refused++;
        else
            printf("fd %d lookup -> %d\n", fd, r);
    }
    printf("foreign %d refused %d\n", foreign, refused);
    bootstrap_bpf__destroy(skel);
    return 0;
}
