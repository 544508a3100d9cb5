// A test object whose program is never attached: its ring buffer stays empty, so a poll on it
// waits for its whole timeout, and its hash map serves the map-operation checks.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} idle_rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} values SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_getppid")
int never_attached(void *ctx)
{
	__u32 key = 0;
	__u64 *value = bpf_map_lookup_elem(&values, &key);

	if (value)
		bpf_ringbuf_output(&idle_rb, value, sizeof(*value), 0);
	return 0;
}
