/* bootstrap with libbpf, for the start-up yardstick: the same object (examples-c/bootstrap) and
 * the same steps as the guest's bootstrap -- open, load, attach, open the ring buffer, print the
 * header -- then prints events until SIGINT/SIGTERM. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <bpf/libbpf.h>
#include "bootstrap.h"
#include "bootstrap.native.skel.h"

static volatile sig_atomic_t stopping;

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static int handle_event(void *ctx, void *data, size_t size)
{
	const struct event *e = data;
	(void)ctx;
	if (size < sizeof(*e))
		return 0;
	printf("%-5s %-16s %-7d %-7d\n", e->exit_event ? "EXIT" : "EXEC", e->comm, e->pid, e->ppid);
	return 0;
}

int main(void)
{
	struct ring_buffer *rb = NULL;
	struct bootstrap_bpf *skel;
	int err;

	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	skel = bootstrap_bpf__open();
	if (!skel) {
		fprintf(stderr, "bootstrap_native: open failed: %s\n", strerror(errno));
		return 1;
	}
	err = bootstrap_bpf__load(skel);
	if (!err)
		err = bootstrap_bpf__attach(skel);
	if (err) {
		fprintf(stderr, "bootstrap_native: load/attach failed: %s\n", strerror(-err));
		goto out;
	}
	rb = ring_buffer__new(bpf_map__fd(skel->maps.rb), handle_event, NULL, NULL);
	if (!rb) {
		err = -errno;
		fprintf(stderr, "bootstrap_native: ring buffer failed: %s\n", strerror(errno));
		goto out;
	}
	printf("%-8s %-5s %-16s %-7s %-7s %s\n", "TIME", "EVENT", "COMM", "PID", "PPID", "FILENAME/EXIT CODE");
	while (!stopping) {
		err = ring_buffer__poll(rb, 100);
		if (err < 0 && err != -EINTR)
			break;
		err = 0;
	}
out:
	ring_buffer__free(rb);
	bootstrap_bpf__destroy(skel);
	return err ? 1 : 0;
}
