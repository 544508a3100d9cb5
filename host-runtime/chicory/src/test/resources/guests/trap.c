/* trap unreachable|divzero|oob: traps in a named function after printing "before". */
#include <stdio.h>
#include <string.h>
volatile int zero = 0;
__attribute__((noinline)) void crash_here(void) { __builtin_trap(); }
__attribute__((noinline)) int divide_here(int a) { return a / zero; }
__attribute__((noinline)) int read_far_away(void) { return *(volatile int *)0xfffffff0u; }
int main(int argc, char **argv) {
    const char *what = argc > 1 ? argv[1] : "unreachable";
    printf("before\n");
    fflush(stdout);
    if (strcmp(what, "divzero") == 0)
        return divide_here(7);
    if (strcmp(what, "oob") == 0)
        return read_far_away();
    crash_here();
    return 0;
}
