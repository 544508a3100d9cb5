/* bpf_buffer__poll(b, 0) as the existing SDK's guests use it (upstream execve.c polls with 0 in a
 * loop): it must wait, not spin. Loads bootstrap with a minimum duration no process reaches, so the
 * ring stays empty, then counts calls: bpf_buffer__consume for 200 ms (no waiting: many calls),
 * bpf_buffer__poll(b, 0) for 1 s (100 ms each: about ten). Prints
 * "consume_calls=N poll0_calls=N samples=N" and exits 0. */
#include "bootstrap.skel.h"

static int samples;

static int on_sample(void *ctx, void *data, size_t size)
{
	(void)ctx, (void)data, (void)size;
	samples++;
	return 0;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int main(void)
{
	struct bootstrap_bpf *skel = bootstrap_bpf__open();
	if (!skel)
		return 1;
	skel->rodata->min_duration_ns = ~0ULL;
	if (bootstrap_bpf__load(skel) || bootstrap_bpf__attach(skel)) {
		fprintf(stderr, "poll_zero: load/attach failed\n");
		return 1;
	}
	struct bpf_buffer *rb = bpf_buffer__open(skel->maps.rb, on_sample, NULL);
	if (!rb)
		return 1;
	int consumes = 0, polls = 0;
	long long start = now_ms();
	while (now_ms() - start < 200) {
		if (bpf_buffer__consume(rb) < 0)
			return 1;
		consumes++;
	}
	start = now_ms();
	while (now_ms() - start < 1000) {
		if (bpf_buffer__poll(rb, 0) < 0)
			return 1;
		polls++;
	}
	printf("consume_calls=%d poll0_calls=%d samples=%d\n", consumes, polls, samples);
	bpf_buffer__free(rb);
	bootstrap_bpf__destroy(skel);
	return 0;
}
