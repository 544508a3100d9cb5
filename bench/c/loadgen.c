/* Load generator: waits for a line on stdin (the bench releases it once the consumer is
 * attached), then calls getppid() N times and exits. Prints how long the calls took. With a
 * RATE (calls per second) it paces the calls, in steps of 1 ms, so that latency is measured at a
 * load the consumer keeps up with rather than as the backlog of a burst. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char line[64];
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 2000000;
	long rate = argc > 2 ? strtol(argv[2], NULL, 10) : 0;
	struct timespec a, b;

	if (n <= 0) {
		fprintf(stderr, "loadgen: invalid count '%s'\n", argv[1]);
		return 1;
	}
	if (!fgets(line, sizeof(line), stdin))
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &a);
	if (rate > 0) {
		long per_ms = rate >= 1000 ? rate / 1000 : 1;
		long step_ns = rate >= 1000 ? 1000000L : 1000000000L / rate;
		struct timespec next = a;
		for (long i = 0; i < n; i += per_ms) {
			for (long j = 0; j < per_ms && i + j < n; j++)
				syscall(SYS_getppid);
			next.tv_nsec += step_ns;
			while (next.tv_nsec >= 1000000000L) {
				next.tv_nsec -= 1000000000L;
				next.tv_sec++;
			}
			clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
		}
	} else {
		for (long i = 0; i < n; i++)
			syscall(SYS_getppid); /* not the libc wrapper: each call must enter the kernel */
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("loadgen calls=%ld elapsed_ns=%lld\n", n,
	       (long long)(b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec));
	return 0;
}
