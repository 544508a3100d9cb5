/* Native libbpf consumer of evbench.bpf.o; protocol in consumer-protocol.txt.
 * With --gather-us N it gathers as the JVM host does (host-runtime/libbpf BufferConsumer): after a
 * poll that delivered samples, it sleeps N us and reads what came meanwhile instead of waiting in
 * epoll, which the kernel would wake for the first sample after each drain. Without, it is a
 * plain libbpf tool, woken per sample at a high rate. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/libbpf.h>
#include <bpf/bpf.h>
#include "evbench.h"
#include "latency.h"
#include "evbench.native.skel.h"

/* as host-runtime/libbpf's MappedPerfBufferConsumer, so both sides get the same buffer */
#define PERF_PAGES_PER_CPU 256
/* evbench.bpf.c's ring buffer */
#define RB_BYTES (16ULL * 1024 * 1024)

static volatile sig_atomic_t stopping;
static unsigned long long consumed;
static struct latency latency;

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static int on_sample(void *ctx, void *data, size_t size)
{
	(void)ctx;
	if (size >= sizeof(struct evbench_sample)) {
		consumed++;
		latency_sample(&latency, ((const struct evbench_sample *)data)->ts_ns);
	}
	return 0;
}

static void on_perf_sample(void *ctx, int cpu, void *data, __u32 size)
{
	(void)cpu;
	on_sample(ctx, data, size);
}

static void print_done(unsigned long long drops)
{
	printf("done consumed=%llu kernel_drops=%llu lat_p50_ns=%llu lat_p99_ns=%llu\n", consumed, drops,
	       latency_percentile(&latency, 50), latency_percentile(&latency, 99));
	fflush(stdout);
}

static unsigned long long kernel_drops(struct evbench_bpf *skel)
{
	__u32 zero = 0;
	__u64 n = 0;
	bpf_map_lookup_elem(bpf_map__fd(skel->maps.drops), &zero, &n);
	return n;
}

int main(int argc, char **argv)
{
	struct ring_buffer *rb = NULL;
	struct perf_buffer *pb = NULL;
	struct evbench_bpf *skel;
	int perf, err, done = 0, streaming = 0;
	unsigned long long expected;
	long gather_us = 0;

	if ((argc == 6 || argc == 7) && !strcmp(argv[1], "--gather-us")) {
		gather_us = strtol(argv[2], NULL, 10);
		argv += 2;
		argc -= 2;
	}
	if ((argc != 4 && argc != 5) || (strcmp(argv[1], "rb") && strcmp(argv[1], "pb"))) {
		fprintf(stderr, "usage: evbench_native [--gather-us N] rb|pb TGID EXPECTED [LATENCY_EVERY]\n");
		return 2;
	}
	perf = !strcmp(argv[1], "pb");
	expected = strtoull(argv[3], NULL, 10);
	latency.every = argc == 5 ? strtoull(argv[4], NULL, 10) : LATENCY_EVERY;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	skel = evbench_bpf__open();
	if (!skel) {
		fprintf(stderr, "evbench_native: open failed: %s\n", strerror(errno));
		return 1;
	}
	skel->rodata->target_tgid = (unsigned)strtoul(argv[2], NULL, 10);
	bpf_program__set_autoattach(perf ? skel->progs.on_getppid_rb : skel->progs.on_getppid_pb, false);
	err = evbench_bpf__load(skel);
	if (!err)
		err = evbench_bpf__attach(skel);
	if (err) {
		fprintf(stderr, "evbench_native: load/attach failed: %s\n", strerror(-err));
		goto out;
	}
	if (perf)
		pb = perf_buffer__new(bpf_map__fd(skel->maps.pb), PERF_PAGES_PER_CPU, on_perf_sample, NULL, NULL, NULL);
	else
		rb = ring_buffer__new(bpf_map__fd(skel->maps.rb), on_sample, NULL, NULL);
	if (!pb && !rb) {
		err = -errno;
		fprintf(stderr, "evbench_native: buffer failed: %s\n", strerror(errno));
		goto out;
	}
	printf("ready\n");
	fflush(stdout);
	while (!stopping) {
		int n = 0;
		if (streaming) {
			struct timespec gather = {.tv_sec = 0, .tv_nsec = gather_us * 1000};
			nanosleep(&gather, NULL);
			n = perf ? perf_buffer__consume(pb) : ring_buffer__consume(rb);
		}
		if (n == 0)
			n = perf ? perf_buffer__poll(pb, 100) : ring_buffer__poll(rb, 100);
		/* As the host: no gathering after a drain of more than 1/8 of the buffer, which could overflow. */
		streaming = gather_us > 0 && n > 0
			&& (unsigned long long)n * sizeof(struct evbench_sample) < (perf ? PERF_PAGES_PER_CPU * 4096ULL : RB_BYTES) / 8;
		if (n < 0 && n != -EINTR) {
			fprintf(stderr, "evbench_native: poll failed: %s\n", strerror(-n));
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
	err = 0;
out:
	ring_buffer__free(rb);
	perf_buffer__free(pb);
	evbench_bpf__destroy(skel);
	return err ? 1 : 0;
}
