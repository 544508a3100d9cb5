/* The record evbench.bpf.c sends for every getppid() of the load generator: 64 bytes. */
#ifndef __EVBENCH_H
#define __EVBENCH_H

struct evbench_sample {
	unsigned long long ts_ns;
	unsigned int tgid;
	unsigned int tid;
	unsigned char pad[48];
};

#endif /* __EVBENCH_H */
