/* Compiled by LayoutProbeTest with clang -g -O2 -target bpf. Self-contained: the map macros
 * are spelled out as libbpf's bpf_helpers.h defines them. */
#include "layout_structs.h"

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

char LICENSE[] SEC("license") = "GPL";

/* keep every fixture struct in BTF */
struct fx_mixed *anchor_mixed;
struct fx_pointers *anchor_pointers;
struct fx_bits *anchor_bits;
struct fx_outer *anchor_outer;
struct fx_anon *anchor_anon;
struct fx_arrays *anchor_arrays;
struct fx_enums *anchor_enums;
struct fx_typedefs *anchor_typedefs;
struct fx_packed *anchor_packed;
struct fx_event *anchor_event;

struct {
	__uint(type, 1); /* BPF_MAP_TYPE_HASH */
	__uint(max_entries, 128);
	__type(key, struct fx_inner);
	__type(value, struct fx_outer);
} fx_hash SEC(".maps");

struct {
	__uint(type, 27); /* BPF_MAP_TYPE_RINGBUF */
	__uint(max_entries, 4096);
} fx_ring SEC(".maps");

struct {
	__uint(type, 4); /* BPF_MAP_TYPE_PERF_EVENT_ARRAY */
	__uint(key_size, sizeof(int));
	__uint(value_size, sizeof(int));
} fx_perf SEC(".maps");

/* read-only globals of several sizes, with gaps between them */
const volatile char ro_c = 1;
const volatile long ro_l = 2;
const volatile int ro_i = 3;
const volatile struct fx_inner ro_inner = {4, 5};
const volatile unsigned char ro_bytes[3] = {6, 7, 8};
const volatile enum fx_color ro_color = FX_BLUE;
const volatile _Bool ro_flag = 1;

__attribute__((noinline)) int fx_helper(int x)
{
	return x * ro_i;
}

SEC("tp/syscalls/sys_enter_getpid")
int fx_first(void *ctx)
{
	return fx_helper(ro_c) + ro_l + ro_inner.y + ro_bytes[1] + ro_color + ro_flag;
}

SEC("kprobe/do_nanosleep")
int fx_second(void *ctx)
{
	return 0;
}
