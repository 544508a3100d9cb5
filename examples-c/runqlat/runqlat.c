// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* runqlat: summarizes scheduler run-queue latency as log2 histograms, as libbpf-tools'
 * runqlat: one histogram per interval, optionally split per process, thread or PID
 * namespace. */
#include <getopt.h>
#include <limits.h>
#include "runqlat.wasm.h"
#include "runqlat.skel.h"
#include "trace_helpers.h"

/* A key no histogram has (pids stay below 2^22), to start get_next_key at the first key. */
#define NO_SUCH_KEY ((uint32_t)-2)
#define OPT_PIDNSS 1000

static struct env {
	unsigned long interval;
	unsigned long times;
	bool milliseconds;
	bool per_process;
	bool per_thread;
	bool per_pidns;
	bool timestamp;
	bool verbose;
	int pid;
} env = {
	.interval = 99999999,
	.times = 99999999,
};

static const char usage_text[] =
	"Usage: runqlat [-h] [-T] [-m] [-P | -L | --pidnss] [-p PID] [-v] [interval] [count]\n"
	"Summarize run queue (scheduler) latency as a histogram.\n"
	"\n"
	"Examples:\n"
	"    runqlat         # summarize run queue latency as a histogram\n"
	"    runqlat 1 10    # print 1 second summaries, 10 times\n"
	"    runqlat -mT 1   # 1s summaries, milliseconds, and timestamps\n"
	"    runqlat -P      # show each PID separately\n"
	"    runqlat -p 185  # trace PID 185 only\n"
	"\n"
	"  -m, --milliseconds  millisecond histogram\n"
	"  -P, --pids          print a histogram per process ID\n"
	"  -L, --tids          print a histogram per thread ID\n"
	"      --pidnss        print a histogram per PID namespace\n"
	"  -p, --pid=PID       trace this PID only\n"
	"  -T, --timestamp     include a timestamp on output\n"
	"  -v, --verbose       report progress on stderr\n"
	"  -h, --help          show this help\n";

/* A whole decimal number in [min, max], or -1 with a message naming the input. */
static int parse_number(const char *what, const char *s, unsigned long min, unsigned long max,
                        unsigned long *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || end == s || *end || *s == '-' || v < min || v > max) {
		fprintf(stderr, "runqlat: invalid %s '%s': expected a whole number from %lu to %lu\n",
		        what, s, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

static int parse_args(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "milliseconds", no_argument, NULL, 'm' },
		{ "pids", no_argument, NULL, 'P' },
		{ "tids", no_argument, NULL, 'L' },
		{ "pidnss", no_argument, NULL, OPT_PIDNSS },
		{ "pid", required_argument, NULL, 'p' },
		{ "timestamp", no_argument, NULL, 'T' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long v;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":mPLp:Tvh", opts, NULL)) != -1) {
		switch (c) {
		case 'm': env.milliseconds = true; break;
		case 'P': env.per_process = true; break;
		case 'L': env.per_thread = true; break;
		case OPT_PIDNSS: env.per_pidns = true; break;
		case 'T': env.timestamp = true; break;
		case 'v': env.verbose = true; break;
		case 'p':
			if (parse_number("PID", optarg, 1, INT_MAX, &v))
				return -1;
			env.pid = (int)v;
			break;
		case 'h':
			fputs(usage_text, stdout);
			exit(0);
		case ':':
			/* getopt steps past argc when the option ends the command line */
			if (optind - 1 < argc)
				fprintf(stderr, "runqlat: option '%s' needs a value\n", argv[optind - 1]);
			else
				fprintf(stderr, "runqlat: option '-%c' needs a value\n", optopt);
			return -1;
		default:
			fprintf(stderr, "runqlat: unknown option '%s'\n", argv[optind - 1]);
			return -1;
		}
	}
	if (env.per_process + env.per_thread + env.per_pidns > 1) {
		fprintf(stderr, "runqlat: -P, -L and --pidnss exclude each other\n");
		return -1;
	}
	if (optind < argc && parse_number("interval", argv[optind++], 1, UINT_MAX, &env.interval))
		return -1;
	if (optind < argc && parse_number("count", argv[optind++], 1, ULONG_MAX, &env.times))
		return -1;
	if (optind < argc) {
		fprintf(stderr, "runqlat: unexpected argument '%s'\n", argv[optind]);
		return -1;
	}
	return 0;
}

/* Prints every histogram, then removes them all so that the next interval counts from zero, as
 * libbpf-tools' runqlat does. Deleting each key as it was read let get_next_key from it (no
 * longer in the map) restart at the first key, which the tracer may have made again by then:
 * that histogram was printed twice in one interval. */
static int print_and_clear_hists(struct bpf_map *hists)
{
	const char *units = env.milliseconds ? "msecs" : "usecs";
	uint32_t key = NO_SUCH_KEY, next;
	struct hist hist;
	int fd, err;

	fd = bpf_map__fd(hists);
	if (fd < 0) {
		fprintf(stderr, "runqlat: no fd for map hists: %s\n", strerror(-fd));
		return fd;
	}
	while ((err = bpf_map_get_next_key(fd, &key, &next)) == 0) {
		key = next;
		err = bpf_map_lookup_elem(fd, &next, &hist);
		if (err == -ENOENT) /* gone between get_next_key and now */
			continue;
		if (err) {
			fprintf(stderr, "runqlat: reading histogram %u failed: %s\n", next, strerror(-err));
			return err;
		}
		hist.comm[sizeof(hist.comm) - 1] = '\0';
		if (env.per_process)
			printf("\npid = %d %s\n", (int)next, hist.comm);
		else if (env.per_thread)
			printf("\ntid = %d %s\n", (int)next, hist.comm);
		else if (env.per_pidns)
			printf("\npidns = %u %s\n", next, hist.comm);
		print_log2_hist(hist.slots, (int)(sizeof(hist.slots) / sizeof(hist.slots[0])), units);
	}
	if (err != -ENOENT) {
		fprintf(stderr, "runqlat: walking map hists failed: %s\n", strerror(-err));
		return err;
	}
	key = NO_SUCH_KEY;
	while ((err = bpf_map_get_next_key(fd, &key, &next)) == 0) {
		err = bpf_map_delete_elem(fd, &next);
		if (err && err != -ENOENT) {
			fprintf(stderr, "runqlat: clearing histogram %u failed: %s\n", next, strerror(-err));
			return err;
		}
		key = next;
	}
	if (err != -ENOENT) {
		fprintf(stderr, "runqlat: clearing map hists failed: %s\n", strerror(-err));
		return err;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct runqlat_bpf *obj;
	int err;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (parse_args(argc, argv)) {
		fputs(usage_text, stderr);
		return 1;
	}

	obj = runqlat_bpf__open();
	if (!obj) {
		fprintf(stderr, "runqlat: failed to open the BPF skeleton: %s\n", strerror(errno));
		return 1;
	}
	obj->rodata->targ_per_process = env.per_process;
	obj->rodata->targ_per_thread = env.per_thread;
	obj->rodata->targ_per_pidns = env.per_pidns;
	obj->rodata->targ_ms = env.milliseconds;
	obj->rodata->targ_tgid = env.pid;

	err = runqlat_bpf__load(obj);
	if (err) {
		fprintf(stderr, "runqlat: failed to load and verify the BPF programs\n");
		goto cleanup;
	}
	err = runqlat_bpf__attach(obj);
	if (err) {
		fprintf(stderr, "runqlat: failed to attach the BPF programs: %s\n", strerror(-err));
		goto cleanup;
	}
	if (env.verbose)
		fprintf(stderr, "runqlat: attached; interval %lus, %lu times\n", env.interval, env.times);

	printf("Tracing run queue latency... Hit Ctrl-C to end.\n");
	for (;;) {
		/* sleep returns early (non-zero) only when the host interrupts the run */
		bool interrupted = sleep((unsigned)env.interval) != 0;

		printf("\n");
		if (env.timestamp) {
			char ts[32];
			time_t t = time(NULL);
			strftime(ts, sizeof(ts), "%H:%M:%S", localtime(&t));
			printf("%-8s\n", ts);
		}
		err = print_and_clear_hists(obj->maps.hists);
		if (err || interrupted || --env.times == 0)
			break;
	}

cleanup:
	runqlat_bpf__destroy(obj);
	return err ? 1 : 0;
}
