// Test object for the attach targets that are not auto-attached: an xdp program (target: an
// interface name) and a sockops program (target: a cgroup path), each counting what it sees.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} seen SEC(".maps");

static void count(__u32 slot)
{
	__u64 *n = bpf_map_lookup_elem(&seen, &slot);
	if (n)
		__sync_fetch_and_add(n, 1);
}

SEC("xdp")
int count_packets(struct xdp_md *ctx)
{
	count(0);
	return XDP_PASS;
}

SEC("sockops")
int count_sockops(struct bpf_sock_ops *ops)
{
	count(1);
	return 1;
}
