/* A guest that traps while its programs are attached: the host must report the trap and
 * still remove everything the guest put into the kernel. */
#include "bootstrap.wasm.h"
#include "bootstrap.skel.h"

__attribute__((noinline)) static void crash_here(void) {
    __builtin_trap();
}

int main(void) {
    struct bootstrap_bpf *skel = bootstrap_bpf__open_and_load();
    if (!skel || bootstrap_bpf__attach(skel)) {
        printf("attach failed\n");
        return 1;
    }
    printf("attached\n");
    fflush(stdout);
    crash_here();
    return 0;
}
