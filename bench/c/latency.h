/* Delivery latency of samples: bpf_ktime_get_ns() in the kernel (CLOCK_MONOTONIC) to the
 * consumer's callback, read on the same clock. A log-linear histogram, 16 sub-buckets per power of
 * two (within 6.25%), so percentiles need no list of every sample. Every `every`-th sample is
 * timed (the consumer's optional fourth argument, default LATENCY_EVERY): a clock read per sample
 * would add its own cost to the CPU per event measured beside it, and in a guest it is a host
 * call (~10 us on Wasmtime), so the bench times few samples of its high-rate series and every
 * 16th of its paced one. Header-only, shared by the native and the C guest consumer. */
#ifndef __EVBENCH_LATENCY_H
#define __EVBENCH_LATENCY_H

#include <time.h>

#define LATENCY_EVERY 16
#define LATENCY_SUB_BITS 4
#define LATENCY_BUCKETS (64 << LATENCY_SUB_BITS)

struct latency {
	unsigned long long every;
	unsigned long long seen;
	unsigned long long timed;
	unsigned long long counts[LATENCY_BUCKETS];
};

static inline unsigned long long latency_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ULL + (unsigned long long)ts.tv_nsec;
}

static inline int latency_bucket(unsigned long long ns)
{
	if (ns < (1ULL << LATENCY_SUB_BITS))
		return (int)ns;
	int e = 63 - __builtin_clzll(ns);
	int sub = (int)((ns >> (e - LATENCY_SUB_BITS)) & ((1 << LATENCY_SUB_BITS) - 1));
	return ((e - LATENCY_SUB_BITS + 1) << LATENCY_SUB_BITS) + sub;
}

/* The smallest value of a bucket. */
static inline unsigned long long latency_bucket_low(int b)
{
	if (b < (1 << LATENCY_SUB_BITS))
		return (unsigned long long)b;
	int e = (b >> LATENCY_SUB_BITS) + LATENCY_SUB_BITS - 1;
	unsigned long long sub = (unsigned long long)(b & ((1 << LATENCY_SUB_BITS) - 1));
	return (1ULL << e) | (sub << (e - LATENCY_SUB_BITS));
}

/* Called for every sample with its kernel timestamp. */
static inline void latency_sample(struct latency *l, unsigned long long ts_ns)
{
	if (l->seen++ % (l->every ? l->every : LATENCY_EVERY))
		return;
	unsigned long long now = latency_now_ns();
	l->counts[latency_bucket(now > ts_ns ? now - ts_ns : 0)]++;
	l->timed++;
}

/* The q-th percentile (0 < q < 100) in ns, as its bucket's low bound; 0 without samples. */
static inline unsigned long long latency_percentile(const struct latency *l, double q)
{
	unsigned long long want = (unsigned long long)(l->timed * q / 100.0), acc = 0;
	for (int b = 0; b < LATENCY_BUCKETS; b++) {
		acc += l->counts[b];
		if (acc > want)
			return latency_bucket_low(b);
	}
	return 0;
}

#endif /* __EVBENCH_LATENCY_H */
