/* bootstrap's kernel side as a plugin of a Java application (examples-embed): for every exec it
 * calls the application's host function exec_counter.count(comm, len) and prints the usual line.
 * Built with examples-c's bootstrap.bpf.c by scripts/build-c-guest --name exec_plugin
 * --allow-import exec_counter (examples-embed/pom.xml). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "exec_plugin.wasm.h"
#include "exec_plugin.skel.h"

__attribute__((import_module("exec_counter"), import_name("count"))) int32_t exec_counter_count(const char *comm,
                                                                                                  int32_t len);

static int on_event(void *ctx, void *data, size_t size)
{
	(void)ctx;
	const struct event *e = data;
	if (size < sizeof(*e) || e->exit_event)
		return 0;
	exec_counter_count(e->comm, (int32_t)strnlen(e->comm, sizeof(e->comm)));
	printf("EXEC %-16s %-7d %s\n", e->comm, e->pid, e->filename);
	return 0;
}

int main(void)
{
	struct exec_plugin_bpf *skel = exec_plugin_bpf__open();
	if (!skel || exec_plugin_bpf__load(skel) || exec_plugin_bpf__attach(skel)) {
		fprintf(stderr, "exec_plugin: failed to load and attach the BPF programs\n");
		return 1;
	}
	struct bpf_buffer *rb = bpf_buffer__open(skel->maps.rb, on_event, NULL);
	if (!rb) {
		fprintf(stderr, "exec_plugin: failed to open the ring buffer\n");
		return 1;
	}
	printf("ready\n");
	while (bpf_buffer__poll(rb, 100) >= 0) {
		/* events went to on_event; -EINTR: the application is stopping the plugin */
	}
	bpf_buffer__free(rb);
	exec_plugin_bpf__destroy(skel);
	return 0;
}
