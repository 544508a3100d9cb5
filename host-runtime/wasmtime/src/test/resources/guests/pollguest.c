/*
 * Real-kernel test guest: loads the getppid BPF object the host hands it, then for each
 * "N:ROUNDS" argument asks the host to call getppid() N times and polls the ring buffer once,
 * ROUNDS times, checking that every poll delivers exactly N samples with consecutive counts.
 * argv[1] picks the callback convention: "table" (wasm_bpf) or "go" (callback-wrapper +
 * go-callback). A "w" before N marks a warm-up group the host does not measure. Options among
 * the groups apply to the groups after them: "max=M" polls with max_size M; "stopevery=K" has the
 * callback return 99 at every K-th sample, so a poll ends early and the next delivers the rest;
 * "nested" has the first callback of each poll poll the same buffer again, which must be -EBUSY;
 * "badmax" prints what a poll with max_size -1 returns.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((import_module("wasm_bpf"), import_name("wasm_load_bpf_object")))
uint64_t wasm_load_bpf_object(void *obj_buf, int obj_buf_sz);
__attribute__((import_module("wasm_bpf"), import_name("wasm_attach_bpf_program")))
int wasm_attach_bpf_program(uint64_t obj, const char *name, const char *attach_target);
__attribute__((import_module("wasm_bpf"), import_name("wasm_bpf_map_fd_by_name")))
int wasm_bpf_map_fd_by_name(uint64_t obj, const char *name);
__attribute__((import_module("wasm_bpf"), import_name("wasm_bpf_buffer_poll")))
int wasm_bpf_buffer_poll(uint64_t obj, int fd, int32_t sample_func, uint32_t ctx, void *data, int max_size,
                         int timeout_ms);
__attribute__((import_module("callback-wrapper"), import_name("wasm_bpf_buffer_poll")))
int go_buffer_poll(uint64_t obj, int fd, uint32_t ctx, void *data, int max_size, int timeout_ms);
__attribute__((import_module("wasm_bpf"), import_name("wasm_close_bpf_object")))
int wasm_close_bpf_object(uint64_t obj);

__attribute__((import_module("test"), import_name("object_size"))) int test_object_size(void);
__attribute__((import_module("test"), import_name("object_copy"))) void test_object_copy(void *dst);
/* The host calls getppid() n times; measure != 0: time the polls until the next trigger. */
__attribute__((import_module("test"), import_name("trigger"))) void test_trigger(int n, int measure);

struct event {
	uint32_t tgid;
	uint32_t pad;
	uint64_t count;
};

#define STOP_RESULT 99
#define WASI_EBUSY 10

static uint64_t expected = 1;
static int bad;
static long seen;
static int stop_every;
static int stops;
static int nested_armed;
static int ebusy;
static int go;
static uint64_t obj;
static int fd;
static char *data;
static int max;

static int poll_once(int timeout_ms);

static int on_sample(void *ctx, void *sample, size_t size)
{
	struct event e;
	if (ctx != &expected || size != sizeof(e) || sample != data) {
		bad++;
		return 0;
	}
	memcpy(&e, sample, sizeof(e));
	if (e.count != expected)
		bad++;
	expected = e.count + 1;
	seen++;
	if (nested_armed) {
		nested_armed = 0;
		if (poll_once(0) == -WASI_EBUSY)
			ebusy++;
		else
			bad++;
	}
	if (stop_every && seen % stop_every == 0) {
		stops++;
		return STOP_RESULT;
	}
	return 0;
}

__attribute__((export_name("go-callback"))) int go_callback(int ctx, int data, int size)
{
	return on_sample((void *)(uintptr_t)ctx, (void *)(uintptr_t)data, (size_t)size);
}

static int poll_once(int timeout_ms)
{
	return go ? go_buffer_poll(obj, fd, (uint32_t)(uintptr_t)&expected, data, max, timeout_ms)
	          : wasm_bpf_buffer_poll(obj, fd, (int32_t)(intptr_t)&on_sample, (uint32_t)(uintptr_t)&expected, data,
	                                 max, timeout_ms);
}

/* Polls until the n samples of one trigger are delivered: all in one poll, or with stop_every in
 * polls that each end with the stopping callback's result. */
static int deliver(int n)
{
	long start = seen;
	while (seen - start < n) {
		long before = seen;
		int stops_before = stops;
		int got = poll_once(1000);
		if (stops != stops_before) {
			if (got != STOP_RESULT) {
				printf("poll returned %d, not the stopping callback's %d\n", got, STOP_RESULT);
				return 1;
			}
		} else if (got != seen - before || seen - start != n) {
			printf("poll returned %d after %ld samples, %ld of %d in all\n", got, seen - before, seen - start, n);
			return 1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	go = argc > 1 && !strcmp(argv[1], "go");
	int size = test_object_size();
	void *elf = malloc(size);
	test_object_copy(elf);
	obj = wasm_load_bpf_object(elf, size);
	if (!obj || wasm_attach_bpf_program(obj, "on_getppid", 0) != 0) {
		printf("load or attach failed\n");
		return 1;
	}
	fd = wasm_bpf_map_fd_by_name(obj, "events_rb");
	max = 256 * 1024;
	data = malloc(max);
	int nested = 0;
	for (int a = 2; a < argc; a++) {
		const char *spec = argv[a];
		if (sscanf(spec, "max=%d", &max) == 1 || sscanf(spec, "stopevery=%d", &stop_every) == 1)
			continue;
		if (!strcmp(spec, "nested")) {
			nested = 1;
			continue;
		}
		if (!strcmp(spec, "badmax")) {
			int saved = max;
			max = -1;
			printf("badmax=%d\n", poll_once(0));
			max = saved;
			continue;
		}
		int measure = spec[0] != 'w';
		int n, rounds;
		if (sscanf(measure ? spec : spec + 1, "%d:%d", &n, &rounds) != 2)
			return 2;
		for (int r = 0; r < rounds; r++) {
			test_trigger(n, measure);
			nested_armed = nested;
			if (deliver(n))
				return 1;
		}
	}
	test_trigger(0, 0);
	wasm_close_bpf_object(obj);
	printf("seen=%ld bad=%d stops=%d ebusy=%d\n", seen, bad, stops, ebusy);
	return 0;
}
