// Test object the verifier rejects only at the end of a long straight-line program, so that
// its log (one line per instruction) is far longer than one small print buffer.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} values SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_getppid")
int long_then_unchecked(void *ctx)
{
	__u32 key = 0;
	__u64 acc = bpf_get_prandom_u32();
	__u64 *value;

#pragma clang loop unroll(full)
	for (int i = 0; i < 300; i++)
		acc = acc * 31 + bpf_get_prandom_u32();
	value = bpf_map_lookup_elem(&values, &key);
	return *value + acc;
}
