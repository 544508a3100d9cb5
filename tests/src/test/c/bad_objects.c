/* Calls the wasm_bpf imports directly with what a hostile or broken guest could pass: objects
 * that are not ELF, lack BTF, fail the verifier or name a missing tracepoint; pointers outside
 * memory; handles and fds of closed objects; a poll on a map that is no buffer. Each case prints
 * what the import returned, so the test compares exact errnos (WASI numbering). The objects come
 * from objects.h, which the test generates (TestBpfObjects). */
#include <libbpf-wasm.h>
#include "objects.h"

#define FAR ((void *)0xFFFFFFF0u)        /* 16 bytes below 4 GiB: beyond any memory */
#define WRAPS ((void *)0xFFFFFFFEu)      /* with an 8-byte value, ptr + len wraps past 2^32 */

static int count_sample(void *ctx, void *data, size_t size) {
	(*(int *)ctx)++;
	return 0;
}

static char poll_buf[4096];
static int samples;

static int poll_map(bpf_object_skel obj, int fd, int timeout_ms) {
	return wasm_bpf_buffer_poll(obj, fd, (int32_t)(uintptr_t)count_sample, (uint32_t)(uintptr_t)&samples,
	                            poll_buf, sizeof(poll_buf), timeout_ms);
}

static bpf_object_skel load_idle(void) {
	return wasm_load_bpf_object(idle_bpf_o, (int)idle_bpf_o_len);
}

static long long now_ms(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv) {
	const char *c = argc > 1 ? argv[1] : "";
	if (!strcmp(c, "not-elf")) {
		static const char text[] = "#!/bin/sh\necho this is not an ELF object\n";
		printf("load -> %llu\n", (unsigned long long)wasm_load_bpf_object(text, sizeof(text)));
	} else if (!strcmp(c, "no-btf")) {
		printf("load -> %llu\n", (unsigned long long)wasm_load_bpf_object(idle_nobtf_bpf_o, (int)idle_nobtf_bpf_o_len));
	} else if (!strcmp(c, "rejected")) {
		printf("load -> %llu\n", (unsigned long long)wasm_load_bpf_object(rejected_bpf_o, (int)rejected_bpf_o_len));
	} else if (!strcmp(c, "no-tracepoint")) {
		bpf_object_skel obj = wasm_load_bpf_object(no_such_tracepoint_bpf_o, (int)no_such_tracepoint_bpf_o_len);
		printf("load -> %s\n", obj ? "handle" : "0");
		printf("attach -> %d\n", wasm_attach_bpf_program(obj, "nowhere", ""));
	} else if (!strcmp(c, "bad-pointers")) {
		printf("load far -> %llu\n", (unsigned long long)wasm_load_bpf_object(FAR, 4096));
		printf("load wrapping -> %llu\n", (unsigned long long)wasm_load_bpf_object(WRAPS, 8));
		bpf_object_skel obj = load_idle();
		int fd = wasm_bpf_map_fd_by_name(obj, "values");
		uint32_t key = 0;
		uint64_t value = 7;
		printf("map fd -> %s\n", fd > 0 ? "fd" : "error");
		printf("fd by far name -> %d\n", wasm_bpf_map_fd_by_name(obj, FAR));
		printf("update far key -> %d\n", wasm_bpf_map_operate(fd, BPF_MAP_UPDATE_ELEM, FAR, &value, NULL, 0));
		printf("update wrapping value -> %d\n", wasm_bpf_map_operate(fd, BPF_MAP_UPDATE_ELEM, &key, WRAPS, NULL, 0));
		printf("lookup far value -> %d\n", wasm_bpf_map_operate(fd, BPF_MAP_LOOKUP_ELEM, &key, FAR, NULL, 0));
		printf("attach far name -> %d\n", wasm_attach_bpf_program(obj, FAR, NULL));
		printf("poll far buffer -> %d\n", wasm_bpf_buffer_poll(obj, wasm_bpf_map_fd_by_name(obj, "idle_rb"),
		        (int32_t)(uintptr_t)count_sample, 0, FAR, 4096, 0));
		printf("update ok -> %d\n", wasm_bpf_map_operate(fd, BPF_MAP_UPDATE_ELEM, &key, &value, NULL, 0));
	} else if (!strcmp(c, "closed")) {
		bpf_object_skel obj = load_idle();
		int fd = wasm_bpf_map_fd_by_name(obj, "values");
		int rb = wasm_bpf_map_fd_by_name(obj, "idle_rb");
		uint32_t key = 0;
		uint64_t value = 0;
		printf("close -> %d\n", wasm_close_bpf_object(obj));
		printf("lookup on closed fd -> %d\n", wasm_bpf_map_operate(fd, BPF_MAP_LOOKUP_ELEM, &key, &value, NULL, 0));
		printf("fd by name on closed handle -> %d\n", wasm_bpf_map_fd_by_name(obj, "values"));
		printf("attach on closed handle -> %d\n", wasm_attach_bpf_program(obj, "never_attached", NULL));
		printf("poll on closed handle -> %d\n", poll_map(obj, rb, 0));
		printf("close again -> %d\n", wasm_close_bpf_object(obj));
	} else if (!strcmp(c, "poll-not-buffer")) {
		bpf_object_skel obj = load_idle();
		printf("poll hash map -> %d\n", poll_map(obj, wasm_bpf_map_fd_by_name(obj, "values"), 10));
	} else if (!strcmp(c, "handles")) {
		/* Handles are small counters, never host addresses. */
		bpf_object_skel a = load_idle(), b = load_idle();
		printf("handles -> %llu %llu\n", (unsigned long long)a, (unsigned long long)b);
	} else if (!strcmp(c, "load-many")) {
		int n = argc > 2 ? atoi(argv[2]) : 1;
		for (int i = 1; i <= n; i++)
			printf("load %d -> %llu\n", i, (unsigned long long)load_idle());
	} else if (!strcmp(c, "poll-long")) {
		bpf_object_skel obj = load_idle();
		int rb = wasm_bpf_map_fd_by_name(obj, "idle_rb");
		long long t0 = now_ms();
		int r = poll_map(obj, rb, argc > 2 ? atoi(argv[2]) : 60000);
		printf("poll -> %d after %lld ms\n", r, now_ms() - t0);
	} else if (!strcmp(c, "grow")) {
		/* Grows memory a MiB at a time until the host refuses. */
		static char *volatile last;
		int mib = 0;
		while (mib < 4096 && (last = malloc(1 << 20)) != NULL) {
			last[0] = 1;
			mib++;
		}
		printf("allocated %d MiB, memory %lu pages\n", mib, (unsigned long)__builtin_wasm_memory_size(0));
	} else {
		printf("unknown case '%s'\n", c);
		return 2;
	}
	fflush(stdout);
	return 0;
}
