// SPDX-License-Identifier: GPL-2.0
/* Event-throughput benchmark: one 64-byte sample per getppid() of one process, through a 16 MiB
 * ring buffer (on_getppid_rb) or a perf buffer (on_getppid_pb); a consumer attaches only one.
 * Samples the kernel could not hand over (buffer full) are counted in drops[0]. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "evbench.h"

char LICENSE[] SEC("license") = "GPL";

/* Keeps struct evbench_sample in BTF for skeleton-gen (evbench.wasm.h). */
const struct evbench_sample *unused_evbench_sample __attribute__((unused));

/* The load generator's tgid, set by the consumer before load. */
const volatile unsigned int target_tgid = 0;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16 * 1024 * 1024);
} rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(u32));
	__uint(value_size, sizeof(u32));
} pb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u64);
} drops SEC(".maps");

static __always_inline void count_drop(void)
{
	u32 zero = 0;
	u64 *n = bpf_map_lookup_elem(&drops, &zero);
	if (n)
		__sync_fetch_and_add(n, 1);
}

static __always_inline void fill(struct evbench_sample *s, u64 id)
{
	__builtin_memset(s, 0, sizeof(*s));
	s->ts_ns = bpf_ktime_get_ns();
	s->tgid = id >> 32;
	s->tid = (u32)id;
}

SEC("tp/syscalls/sys_enter_getppid")
int on_getppid_rb(void *ctx)
{
	u64 id = bpf_get_current_pid_tgid();
	if ((id >> 32) != target_tgid)
		return 0;
	struct evbench_sample *s = bpf_ringbuf_reserve(&rb, sizeof(*s), 0);
	if (!s) {
		count_drop();
		return 0;
	}
	fill(s, id);
	bpf_ringbuf_submit(s, 0);
	return 0;
}

SEC("tp/syscalls/sys_enter_getppid")
int on_getppid_pb(void *ctx)
{
	u64 id = bpf_get_current_pid_tgid();
	if ((id >> 32) != target_tgid)
		return 0;
	struct evbench_sample s;
	fill(&s, id);
	if (bpf_perf_event_output(ctx, &pb, BPF_F_CURRENT_CPU, &s, sizeof(s)))
		count_drop();
	return 0;
}
