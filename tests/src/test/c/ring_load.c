/* The load test's consumer: traces the getppid() calls of process argv[1] (the test's JVM) and
 * consumes argv[2] samples, checking that each one is whole and the next in sequence.
 * Prints "ready" once attached, "progress N" every 50000 samples, and at the end
 * "consumed=N lost=N kernel_drops=N bad=N"; exits 0 only if every sample arrived intact. */
#include <libbpf-wasm.h>
#include "objects.h"

struct sample {
	uint32_t tgid;
	uint32_t pad;
	uint64_t seq;
	uint8_t fill[48];
};

struct state {
	uint32_t tgid;
	uint64_t expected;
	uint64_t consumed;
	uint64_t lost;
	uint64_t bad;
};

/* Large, as the SDK's bpf_buffer__open makes it for a ring (the ring's size): a batching engine
 * hands over as many samples per guest crossing as fit. */
static char poll_buf[1 << 20];

static int on_sample(void *ctx, void *data, size_t size) {
	struct state *st = ctx;
	const struct sample *s = data;
	if (size != sizeof(*s) || s->tgid != st->tgid || s->pad != 0) {
		st->bad++;
		return 0;
	}
	for (size_t i = 0; i < sizeof(s->fill); i++) {
		if (s->fill[i]) {
			st->bad++;
			return 0;
		}
	}
	if (s->seq != st->expected) {
		st->lost += s->seq > st->expected ? s->seq - st->expected : 0;
		st->bad += s->seq < st->expected;
	}
	st->expected = s->seq + 1;
	st->consumed++;
	if (st->consumed % 50000 == 0) {
		printf("progress %llu\n", (unsigned long long)st->consumed);
		fflush(stdout);
	}
	return 0;
}

int main(int argc, char **argv) {
	if (argc != 3) {
		fprintf(stderr, "usage: ring_load TGID SAMPLES\n");
		return 2;
	}
	struct state st = {.tgid = (uint32_t)strtoul(argv[1], NULL, 10), .expected = 1};
	uint64_t want = strtoull(argv[2], NULL, 10);
	bpf_object_skel obj = wasm_load_bpf_object(ring_load_bpf_o, (int)ring_load_bpf_o_len);
	if (!obj) {
		fprintf(stderr, "load failed\n");
		return 1;
	}
	uint32_t zero = 0, one = 1;
	int err = wasm_bpf_map_operate(wasm_bpf_map_fd_by_name(obj, "target"), BPF_MAP_UPDATE_ELEM, &zero, &st.tgid, NULL, 0);
	if (err || wasm_attach_bpf_program(obj, "on_getppid", NULL) < 0) {
		fprintf(stderr, "setup failed: %d\n", err);
		return 1;
	}
	int rb = wasm_bpf_map_fd_by_name(obj, "load_rb");
	printf("ready\n");
	fflush(stdout);
	int idle_polls = 0;
	while (st.consumed + st.lost < want && idle_polls < 100) {
		int n = wasm_bpf_buffer_poll(obj, rb, (int32_t)(uintptr_t)on_sample, (uint32_t)(uintptr_t)&st,
		                             poll_buf, sizeof(poll_buf), 100);
		if (n < 0) {
			fprintf(stderr, "poll failed: %d\n", n);
			return 1;
		}
		idle_polls = n == 0 ? idle_polls + 1 : 0;
	}
	uint64_t drops = 0;
	wasm_bpf_map_operate(wasm_bpf_map_fd_by_name(obj, "stats"), BPF_MAP_LOOKUP_ELEM, &one, &drops, NULL, 0);
	printf("consumed=%llu lost=%llu kernel_drops=%llu bad=%llu\n", (unsigned long long)st.consumed,
	       (unsigned long long)st.lost, (unsigned long long)drops, (unsigned long long)st.bad);
	wasm_close_bpf_object(obj);
	return st.consumed == want && st.lost == 0 && st.bad == 0 && drops == 0 ? 0 : 1;
}
