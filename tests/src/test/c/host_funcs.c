/* A guest of an embedder's host functions, as upstream's host_func_test: plus_i32(40, 2), then
 * with an argument a call that blocks in the host until the run is stopped. */
#include <stdint.h>
#include <stdio.h>

__attribute__((import_module("host_func_test"), import_name("plus_i32"))) int32_t plus_i32(int32_t a, int32_t b);
__attribute__((import_module("host_func_test"), import_name("wait_for_stop"))) int32_t wait_for_stop(void);

int main(int argc, char **argv)
{
	(void)argv;
	printf("plus_i32(40, 2) = %d\n", plus_i32(40, 2));
	if (argc > 1) {
		printf("waiting\n");
		fflush(stdout);
		printf("wait_for_stop returned %d\n", wait_for_stop());
	}
	return 0;
}
