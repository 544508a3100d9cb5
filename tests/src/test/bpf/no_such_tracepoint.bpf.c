// Test object whose program loads but names a tracepoint the kernel does not have.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("tracepoint/syscalls/sys_enter_no_such_syscall_xyz")
int nowhere(void *ctx)
{
	return 0;
}
