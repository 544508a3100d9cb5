/* exit_code N: calls exit(N) (proc_exit) from a nested function; exit_code return N: returns N. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
__attribute__((noinline)) static void leave(int code) {
    printf("leaving with %d\n", code);
    exit(code);
}
int main(int argc, char **argv) {
    if (argc > 2 && strcmp(argv[1], "return") == 0)
        return atoi(argv[2]);
    leave(argc > 1 ? atoi(argv[1]) : 0);
    printf("not reached\n");
    return 99;
}
