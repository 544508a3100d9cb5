/* The histogram runqlat.bpf.c keeps per key of its `hists` map. The guest reads it through
 * runqlat.wasm.h, which skeleton-gen derives from this struct's BTF for wasm32. */
#ifndef __RUNQLAT_H
#define __RUNQLAT_H

#define TASK_COMM_LEN 16
#define MAX_SLOTS 26

struct hist {
	unsigned int slots[MAX_SLOTS];
	char comm[TASK_COMM_LEN];
};

#endif /* __RUNQLAT_H */
