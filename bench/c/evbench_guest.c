/* The C guest consumer of evbench.bpf.o (built by scripts/build-c-guest); protocol in
 * consumer-protocol.txt. The per-sample path only counts, as the native consumer does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "evbench.wasm.h"
#include "evbench.skel.h"
#include "latency.h"

static unsigned long long consumed;
static struct latency latency;

static int on_sample(void *ctx, void *data, size_t size)
{
	(void)ctx;
	if (size >= sizeof(struct evbench_sample)) {
		consumed++;
		latency_sample(&latency, ((const struct evbench_sample *)data)->ts_ns);
	}
	return 0;
}

static void print_done(unsigned long long drops)
{
	printf("done consumed=%llu kernel_drops=%llu lat_p50_ns=%llu lat_p99_ns=%llu\n", consumed, drops,
	       latency_percentile(&latency, 50), latency_percentile(&latency, 99));
}

static unsigned long long kernel_drops(struct evbench_bpf *skel)
{
	uint32_t zero = 0;
	uint64_t n = 0;
	bpf_map_lookup_elem(bpf_map__fd(skel->maps.drops), &zero, &n);
	return n;
}

int main(int argc, char **argv)
{
	struct bpf_buffer *buf = NULL;
	struct evbench_bpf *skel;
	int perf, err, done = 0;
	unsigned long long expected;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if ((argc != 4 && argc != 5) || (strcmp(argv[1], "rb") && strcmp(argv[1], "pb"))) {
		fprintf(stderr, "usage: evbench rb|pb TGID EXPECTED [LATENCY_EVERY]\n");
		return 2;
	}
	perf = !strcmp(argv[1], "pb");
	expected = strtoull(argv[3], NULL, 10);
	latency.every = argc == 5 ? strtoull(argv[4], NULL, 10) : LATENCY_EVERY;

	skel = evbench_bpf__open();
	if (!skel) {
		fprintf(stderr, "evbench: open failed\n");
		return 1;
	}
	skel->rodata->target_tgid = (unsigned)strtoul(argv[2], NULL, 10);
	bpf_program__set_autoattach(perf ? skel->progs.on_getppid_rb : skel->progs.on_getppid_pb, false);
	err = evbench_bpf__load(skel);
	if (!err)
		err = evbench_bpf__attach(skel);
	if (err) {
		fprintf(stderr, "evbench: load/attach failed: %d\n", err);
		goto out;
	}
	buf = bpf_buffer__open(perf ? skel->maps.pb : skel->maps.rb, on_sample, NULL);
	if (!buf) {
		err = -1;
		fprintf(stderr, "evbench: buffer failed\n");
		goto out;
	}
	/* The host opens its consumer on the first poll; a perf buffer has no rings before that, so
	 * samples sent earlier would be lost. */
	err = bpf_buffer__consume(buf);
	if (err < 0) {
		fprintf(stderr, "evbench: first poll failed: %d\n", err);
		goto out;
	}
	err = 0;
	printf("ready\n");
	for (;;) {
		int n = bpf_buffer__poll(buf, 100);
		if (n == -EINTR)
			break;
		if (n < 0) {
			fprintf(stderr, "evbench: poll failed: %d\n", n);
			err = n;
			break;
		}
		if (n == 0 && !done) {
			unsigned long long d = kernel_drops(skel);
			if (consumed + d >= expected) {
				print_done(d);
				done = 1;
			}
		}
	}
	if (!done)
		print_done(kernel_drops(skel));
	if (err == -EINTR)
		err = 0;
out:
	bpf_buffer__free(buf);
	evbench_bpf__destroy(skel);
	return err ? 1 : 0;
}
