// Test object: on every getppid() of the target process, counts the call in a hash map and
// sends {tgid, count} to a ring buffer and a perf event array, and {tgid, count, 12 bytes of 0xab}
// to a second perf event array, whose 48-byte records do not divide the ring: some wrap around.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct event {
	__u32 tgid;
	__u32 pad;
	__u64 count;
};

const volatile __u32 target_tgid = 0;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events_rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} events_pb SEC(".maps");

struct odd_event {
	__u32 tgid;
	__u32 pad;
	__u64 count;
	__u8 fill[12];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} odd_pb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_getppid")
int on_getppid(void *ctx)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	__u64 one = 1, *count;
	struct event e = {};

	if (tgid != target_tgid)
		return 0;
	count = bpf_map_lookup_elem(&counts, &tgid);
	if (count) {
		e.count = __sync_fetch_and_add(count, 1) + 1;
	} else {
		bpf_map_update_elem(&counts, &tgid, &one, BPF_NOEXIST);
		e.count = 1;
	}
	e.tgid = tgid;
	bpf_ringbuf_output(&events_rb, &e, sizeof(e), 0);
	bpf_perf_event_output(ctx, &events_pb, BPF_F_CURRENT_CPU, &e, sizeof(e));
	struct odd_event odd = {.tgid = tgid, .count = e.count};
	__builtin_memset(odd.fill, 0xab, sizeof(odd.fill));
	bpf_perf_event_output(ctx, &odd_pb, BPF_F_CURRENT_CPU, &odd, sizeof(odd));
	return 0;
}
