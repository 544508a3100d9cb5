/* The test guest of the rewriter's and the engines' tests: one WASI command, the behaviour chosen by argv[1]. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The test host's stand-in for wasm_bpf_buffer_poll: delivers samples to the callback. */
__attribute__((import_module("test"), import_name("deliver")))
int test_deliver(int sample_func, void *ctx, void *data, int max_size);

struct sample_ctx { int magic; };
static struct sample_ctx the_ctx = {0x5eed};
static int count;
static uint32_t checksum;
static int stop_at = -1;

/* Counts samples, hashes their bytes, and stops (returns 42) at the sample whose first word is stop_at. */
static int on_sample(void *ctx, void *data, size_t size)
{
	if (((struct sample_ctx *)ctx)->magic != 0x5eed)
		return -1000;
	count++;
	const unsigned char *p = data;
	for (size_t i = 0; i < size; i++)
		checksum = checksum * 31 + p[i];
	if (size >= 4) {
		int32_t seq;
		memcpy(&seq, data, 4);
		if (seq == stop_at)
			return 42;
	}
	return 0;
}

/* The TinyGo convention's callback export, same behaviour. */
__attribute__((export_name("go-callback"))) int go_callback(int ctx, int data, int size)
{
	return on_sample((void *)(uintptr_t)ctx, (void *)(uintptr_t)data, (size_t)size);
}

__attribute__((export_name("sample_callback_index"))) int sample_callback_index(void) { return (int)(uintptr_t)&on_sample; }
__attribute__((export_name("sample_ctx"))) int sample_ctx(void) { return (int)(uintptr_t)&the_ctx; }
__attribute__((export_name("guest_alloc"))) int guest_alloc(int n) { return (int)(uintptr_t)malloc(n); }
__attribute__((export_name("sample_count"))) int sample_count(void) { return count; }
__attribute__((export_name("sample_checksum"))) int sample_checksum(void) { return (int)checksum; }
__attribute__((export_name("reset_samples"))) void reset_samples(int stop) { count = 0; checksum = 0; stop_at = stop; }

__attribute__((noinline)) int guest_traps_here(int x)
{
	if (x > 0)
		__builtin_trap();
	return x;
}

static volatile uint64_t spins;

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	if (!strcmp(mode, "args")) {
		for (int i = 0; i < argc; i++)
			printf("arg %d: %s\n", i, argv[i]);
	} else if (!strcmp(mode, "env")) {
		const char *v = getenv("WASMBPF_TEST");
		printf("env: %s\n", v ? v : "(unset)");
	} else if (!strcmp(mode, "lines")) {
		printf("first\n");
		usleep(400 * 1000);
		printf("second\n");
		fprintf(stderr, "to stderr\n");
		printf("no newline");
	} else if (!strcmp(mode, "sleep")) {
		usleep(atoi(argv[2]) * 1000);
		printf("woke\n");
	} else if (!strcmp(mode, "exit")) {
		exit(atoi(argv[2]));
	} else if (!strcmp(mode, "return")) {
		return atoi(argv[2]);
	} else if (!strcmp(mode, "trap")) {
		return guest_traps_here(argc);
	} else if (!strcmp(mode, "spin")) {
		for (;;)
			spins++;
	} else if (!strcmp(mode, "deliver")) {
		reset_samples(argc > 2 ? atoi(argv[2]) : -1);
		int size = 256 * 1024;
		char *buf = malloc(size);
		int r = test_deliver(sample_callback_index(), &the_ctx, buf, size);
		printf("result=%d count=%d checksum=%u\n", r, count, checksum);
	}
	return 0;
}
