// The load test's producer: one 64-byte sample per getppid() of the target process into a
// 16 MiB ring buffer, each numbered, so the consumer can tell a lost sample from a late one.
// Reservations that fail because the ring is full are counted in stats[1].
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct sample {
	__u32 tgid;
	__u32 pad;
	__u64 seq;
	__u8 fill[48];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16 * 1024 * 1024);
} load_rb SEC(".maps");

/* key 0: the tgid to trace, set by the guest */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} target SEC(".maps");

/* key 0: samples numbered so far; key 1: samples the full ring refused */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} stats SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_getppid")
int on_getppid(void *ctx)
{
	__u32 zero = 0, one = 1;
	__u32 *tgid = bpf_map_lookup_elem(&target, &zero);
	__u64 *seq = bpf_map_lookup_elem(&stats, &zero);
	__u64 *drops = bpf_map_lookup_elem(&stats, &one);

	if (!tgid || !seq || !drops || (bpf_get_current_pid_tgid() >> 32) != *tgid)
		return 0;
	/* The target calls from one thread: no other CPU updates seq meanwhile. */
	*seq += 1;
	struct sample *s = bpf_ringbuf_reserve(&load_rb, sizeof(*s), 0);
	if (!s) {
		*drops += 1;
		return 0;
	}
	s->tgid = *tgid;
	s->pad = 0;
	s->seq = *seq;
	__builtin_memset(s->fill, 0, sizeof(s->fill));
	bpf_ringbuf_submit(s, 0);
	return 0;
}
