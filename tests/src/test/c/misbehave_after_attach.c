/* A guest that attaches bootstrap's programs and then ends badly in the way argv[1] names, so
 * the tests can check that the host removes everything from the kernel on every path:
 *   exit      returns 3 from main without destroying anything
 *   abort     calls abort() (an uncaught failure of the guest; in wasi-libc a trap)
 *   spin      loops forever in its own code, never calling the host again
 *   sleep     sleeps forever (for SIGKILL of the host)
 *   stdout    writes to stdout (the embedding test gives it a stream that throws)
 * "attached" goes to stderr, so that stdout is first written by the "stdout" case. */
#include "bootstrap.wasm.h"
#include "bootstrap.skel.h"

static volatile unsigned long long spins;

int main(int argc, char **argv) {
	const char *how = argc > 1 ? argv[1] : "exit";
	struct bootstrap_bpf *skel = bootstrap_bpf__open_and_load();
	if (!skel || bootstrap_bpf__attach(skel)) {
		fprintf(stderr, "attach failed\n");
		return 1;
	}
	fprintf(stderr, "attached\n");
	if (!strcmp(how, "exit"))
		return 3;
	if (!strcmp(how, "abort"))
		abort();
	if (!strcmp(how, "spin"))
		for (;;)
			spins++;
	if (!strcmp(how, "sleep"))
		for (;;)
			sleep(1000);
	if (!strcmp(how, "stdout")) {
		printf("hello\n");
		fflush(stdout);
		fprintf(stderr, "stdout written\n");
		for (;;)
			sleep(1000);
	}
	fprintf(stderr, "unknown case '%s'\n", how);
	return 2;
}
