/* Load generator: waits for a line on stdin (the bench releases it once the consumer is
 * attached), then calls getppid() N times and exits. Prints how long the calls took. */
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
	struct timespec a, b;

	if (n <= 0) {
		fprintf(stderr, "loadgen: invalid count '%s'\n", argv[1]);
		return 1;
	}
	if (!fgets(line, sizeof(line), stdin))
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid); /* not the libc wrapper: each call must enter the kernel */
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("loadgen calls=%ld elapsed_ns=%lld\n", n,
	       (long long)(b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec));
	return 0;
}
