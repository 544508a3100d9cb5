/* trace_helpers.h: output helpers for guests ported from libbpf-tools.
 *
 * print_log2_hist prints the same text as libbpf-tools' function of that name, so scripts
 * and people that read those tools' histograms read these too.
 */
#ifndef __WASM_BPF_TRACE_HELPERS_H
#define __WASM_BPF_TRACE_HELPERS_H

#include <stdbool.h>
#include <stdio.h>

/* A bar of `width` columns, proportional to val/val_max. */
static inline void __trace_print_bar(unsigned int val, unsigned int val_max, int width)
{
	int filled = val_max ? (int)((unsigned long long)val * width / val_max) : 0;
	for (int i = 0; i < width; i++)
		putchar(i < filled ? '*' : ' ');
}

/* One row per power of two up to the highest non-empty slot: slot i counts values in
 * [2^i, 2^(i+1) - 1], slot 0 counts 0 and 1. Prints nothing when every slot is empty. */
static inline void print_log2_hist(unsigned int *vals, int vals_size, const char *val_type)
{
	int last = -1;
	unsigned int max = 0;

	for (int i = 0; i < vals_size; i++) {
		if (vals[i])
			last = i;
		if (vals[i] > max)
			max = vals[i];
	}
	if (last < 0)
		return;

	/* Slots past 32 need wider numbers; the bars get shorter to keep the lines short. */
	bool wide = last > 32;
	int num_width = wide ? 20 : 10;
	int bar_width = wide ? 20 : 40;

	printf("%*s%-*s : count    distribution\n", wide ? 15 : 5, "", wide ? 29 : 19, val_type);
	for (int i = 0; i <= last; i++) {
		unsigned long long high = (1ULL << i << 1) - 1;
		unsigned long long low = i == 0 ? 0 : 1ULL << i;
		printf("%*llu -> %-*llu : %-8u |", num_width, low, num_width, high, vals[i]);
		__trace_print_bar(vals[i], max, bar_width);
		printf("|\n");
	}
}

#endif /* __WASM_BPF_TRACE_HELPERS_H */
