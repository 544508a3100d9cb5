/*
 * Real-kernel test guest: loads the getppid BPF object the host hands it, then for each
 * "N:ROUNDS" argument asks the host to call getppid() N times and polls the ring buffer once,
 * ROUNDS times, checking that every poll delivers exactly N samples with consecutive counts.
 * argv[1] picks the callback convention: "table" (wasm_bpf) or "go" (callback-wrapper +
 * go-callback). A "w" before N marks a warm-up group the host does not measure.
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

static uint64_t expected = 1;
static int bad;
static long seen;

static int on_sample(void *ctx, void *data, size_t size)
{
	struct event e;
	if (ctx != &expected || size != sizeof(e)) {
		bad++;
		return 0;
	}
	memcpy(&e, data, sizeof(e));
	if (e.count != expected)
		bad++;
	expected = e.count + 1;
	seen++;
	return 0;
}

__attribute__((export_name("go-callback"))) int go_callback(int ctx, int data, int size)
{
	return on_sample((void *)(uintptr_t)ctx, (void *)(uintptr_t)data, (size_t)size);
}

int main(int argc, char **argv)
{
	int go = argc > 1 && !strcmp(argv[1], "go");
	int size = test_object_size();
	void *elf = malloc(size);
	test_object_copy(elf);
	uint64_t obj = wasm_load_bpf_object(elf, size);
	if (!obj || wasm_attach_bpf_program(obj, "on_getppid", 0) != 0) {
		printf("load or attach failed\n");
		return 1;
	}
	int fd = wasm_bpf_map_fd_by_name(obj, "events_rb");
	int max = 256 * 1024;
	char *data = malloc(max);
	for (int a = 2; a < argc; a++) {
		const char *spec = argv[a];
		int measure = spec[0] != 'w';
		int n, rounds;
		if (sscanf(measure ? spec : spec + 1, "%d:%d", &n, &rounds) != 2)
			return 2;
		for (int r = 0; r < rounds; r++) {
			test_trigger(n, measure);
			int got = go ? go_buffer_poll(obj, fd, (uint32_t)(uintptr_t)&expected, data, max, 1000)
			             : wasm_bpf_buffer_poll(obj, fd, (int32_t)(intptr_t)&on_sample,
			                                    (uint32_t)(uintptr_t)&expected, data, max, 1000);
			if (got != n) {
				printf("poll returned %d, expected %d\n", got, n);
				return 1;
			}
		}
	}
	test_trigger(0, 0);
	wasm_close_bpf_object(obj);
	printf("seen=%ld bad=%d\n", seen, bad);
	return 0;
}
