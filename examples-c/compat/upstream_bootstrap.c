/* Compile test, not an example: a guest written the way the existing wasm-bpf C examples are
 * (upstream examples/bootstrap/bootstrap.c). It includes only stdio, stdbool and time itself
 * and relies on libbpf-wasm.h for the rest (string.h, stdlib.h, errno.h, stdint.h), includes
 * NAME.wasm.h before NAME.skel.h, and uses the SDK the way those guests do. It must keep
 * compiling, unchanged, against our headers. Built by examples-c/compat/build-compat. */
#include <stdio.h>
#include <stdbool.h>
#include <time.h>
#include "bootstrap.wasm.h"
#include "bootstrap.skel.h"

static long min_duration_ms;

static int on_sample(void *ctx, void *data, size_t data_sz)
{
	const struct event *e = data;
	char when[32];
	time_t now;

	time(&now);
	strftime(when, sizeof(when), "%H:%M:%S", localtime(&now));
	if (e->exit_event)
		printf("%-8s %-5s %-16s %-7d %-7d [%u] (%llums)\n", when, "EXIT", e->comm, e->pid,
		       e->ppid, e->exit_code, e->duration_ns / 1000000);
	else
		printf("%-8s %-5s %-16s %-7d %-7d %s\n", when, "EXEC", e->comm, e->pid, e->ppid,
		       e->filename);
	return 0;
}

/* The rest of the API those guests call, so a signature change breaks this build. */
static int touch_api(struct bootstrap_bpf *skel)
{
	int fd = bpf_map__fd(skel->maps.exec_start);
	int key = 1, next_key;
	uint64_t value = 0;

	bpf_map_update_elem(fd, &key, &value, BPF_ANY);
	bpf_map_update_elem(fd, &key, &value, BPF_NOEXIST);
	bpf_map_update_elem(fd, &key, &value, BPF_EXIST);
	bpf_map_lookup_elem(fd, &key, &value);
	bpf_map_lookup_elem_flags(fd, &key, &value, 0);
	bpf_map_get_next_key(fd, &key, &next_key);
	bpf_map_delete_elem(fd, &key);
	bpf_map_delete_elem_flags(fd, &key, 0);
	bpf_program__set_autoload(skel->progs.handle_exec, true);
	bpf_set_prog_attach_target(skel->progs.handle_exit, "");
	bootstrap_bpf__detach(skel);
	return wasm_bpf_map_operate(fd, BPF_MAP_LOOKUP_ELEM, &key, &value, NULL, 0);
}

int main(int argc, char **argv)
{
	struct bpf_buffer *buf = NULL;
	struct bootstrap_bpf *skel;
	int err;

	if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		printf("usage: bootstrap [-d MIN_DURATION_MS]\n");
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "-d") == 0)
		min_duration_ms = strtol(argv[2], NULL, 10);

	skel = bootstrap_bpf__open();
	if (!skel) {
		fprintf(stderr, "Failed to open BPF skeleton\n");
		return 1;
	}
	skel->rodata->min_duration_ns = min_duration_ms * 1000000ULL;
	err = bootstrap_bpf__load(skel);
	if (!err)
		err = bootstrap_bpf__attach(skel);
	if (!err && argc > 100)
		err = touch_api(skel);
	if (err)
		goto cleanup;

	buf = bpf_buffer__open(skel->maps.rb, on_sample, NULL);
	if (!buf) {
		err = -1;
		goto cleanup;
	}
	printf("%-8s %-5s %-16s %-7s %-7s %s\n", "TIME", "EVENT", "COMM", "PID", "PPID",
	       "FILENAME/EXIT CODE");
	for (;;) {
		err = bpf_buffer__poll(buf, 100);
		if (err == -EINTR) {
			err = 0;
			break;
		}
		if (err < 0) {
			printf("Error polling buffer: %d\n", err);
			break;
		}
	}
cleanup:
	bpf_buffer__free(buf);
	bootstrap_bpf__destroy(skel);
	return err < 0 ? -err : 0;
}
