// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* bootstrap: prints every process exec and exit, as libbpf-bootstrap's tool of that name. */
#include <getopt.h>
#include <limits.h>
#include "bootstrap.wasm.h"
#include "bootstrap.skel.h"

static struct env {
	bool verbose;
	long long min_duration_ms; /* long is 32-bit on wasm32: 2147 ms would be the limit */
} env;

static const char usage_text[] =
	"Usage: bootstrap [-v] [-d MIN_DURATION_MS]\n"
	"Trace process start and exit and show filename, lifetime, PID, PPID and exit code.\n"
	"\n"
	"  -d, --duration=MIN_DURATION_MS  only report processes that lived at least this long\n"
	"                                  (no EXEC lines then)\n"
	"  -v, --verbose                   report progress on stderr\n"
	"  -h, --help                      show this help\n";

static int parse_args(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "duration", required_argument, NULL, 'd' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":d:vh", opts, NULL)) != -1) {
		switch (c) {
		case 'd': {
			char *end;
			errno = 0;
			long long ms = strtoll(optarg, &end, 10);
			if (errno || end == optarg || *end || ms < 0 || ms > LLONG_MAX / 1000000) {
				fprintf(stderr, "bootstrap: invalid duration '%s': expected milliseconds, 0 or more\n",
				        optarg);
				return -1;
			}
			env.min_duration_ms = ms;
			break;
		}
		case 'v':
			env.verbose = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			exit(0);
		case ':':
			/* getopt steps past argc when the option ends the command line */
			if (optind - 1 < argc)
				fprintf(stderr, "bootstrap: option '%s' needs a value\n", argv[optind - 1]);
			else
				fprintf(stderr, "bootstrap: option '-%c' needs a value\n", optopt);
			return -1;
		default:
			fprintf(stderr, "bootstrap: unknown option '%s'\n", argv[optind - 1]);
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "bootstrap: unexpected argument '%s'\n", argv[optind]);
		return -1;
	}
	return 0;
}

static int handle_event(void *ctx, void *data, size_t data_sz)
{
	const struct event *e = data;
	char ts[32];
	time_t t;

	(void)ctx;
	if (data_sz < sizeof(*e)) {
		fprintf(stderr, "bootstrap: short event (%zu bytes, expected %zu)\n", data_sz, sizeof(*e));
		return 0;
	}
	time(&t);
	strftime(ts, sizeof(ts), "%H:%M:%S", localtime(&t));

	if (e->exit_event) {
		printf("%-8s %-5s %-16s %-7d %-7d [%u]", ts, "EXIT", e->comm, e->pid, e->ppid, e->exit_code);
		if (e->duration_ns)
			printf(" (%llums)", (unsigned long long)(e->duration_ns / 1000000));
		printf("\n");
	} else {
		printf("%-8s %-5s %-16s %-7d %-7d %s\n", ts, "EXEC", e->comm, e->pid, e->ppid, e->filename);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct bpf_buffer *rb = NULL;
	struct bootstrap_bpf *skel;
	int err;

	/* Lines must reach a reader (a pipe, a test) as they happen, whatever kind of file the
	 * host says stdout is. */
	setvbuf(stdout, NULL, _IOLBF, 0);

	if (parse_args(argc, argv)) {
		fputs(usage_text, stderr);
		return 1;
	}

	skel = bootstrap_bpf__open();
	if (!skel) {
		fprintf(stderr, "bootstrap: failed to open the BPF skeleton: %s\n", strerror(errno));
		return 1;
	}
	skel->rodata->min_duration_ns = env.min_duration_ms * 1000000ULL;

	err = bootstrap_bpf__load(skel);
	if (err) {
		fprintf(stderr, "bootstrap: failed to load and verify the BPF programs\n");
		goto cleanup;
	}
	if (env.verbose)
		fprintf(stderr, "bootstrap: loaded, min_duration_ns=%llu\n",
		        (unsigned long long)env.min_duration_ms * 1000000ULL);

	err = bootstrap_bpf__attach(skel);
	if (err) {
		fprintf(stderr, "bootstrap: failed to attach the BPF programs: %s\n", strerror(-err));
		goto cleanup;
	}
	if (env.verbose)
		fprintf(stderr, "bootstrap: attached handle_exec and handle_exit\n");

	rb = bpf_buffer__open(skel->maps.rb, handle_event, NULL);
	if (!rb) {
		err = -errno;
		fprintf(stderr, "bootstrap: failed to open the ring buffer: %s\n", strerror(errno));
		goto cleanup;
	}

	printf("%-8s %-5s %-16s %-7s %-7s %s\n", "TIME", "EVENT", "COMM", "PID", "PPID",
	       "FILENAME/EXIT CODE");
	for (;;) {
		err = bpf_buffer__poll(rb, 100 /* ms */);
		if (err == -EINTR) { /* the host is stopping the run (Ctrl-C) */
			err = 0;
			break;
		}
		if (err < 0) {
			fprintf(stderr, "bootstrap: polling the ring buffer failed: %s\n", strerror(-err));
			break;
		}
	}

cleanup:
	bpf_buffer__free(rb);
	bootstrap_bpf__destroy(skel);
	return err ? 1 : 0;
}
