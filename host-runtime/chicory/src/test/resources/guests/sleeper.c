/* Prints "sleeping", sleeps SECONDS (default 100); prints how many seconds were left, exits 3. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
int main(int argc, char **argv) {
    unsigned seconds = argc > 1 ? (unsigned)atoi(argv[1]) : 100;
    printf("sleeping\n");
    fflush(stdout);
    unsigned left = sleep(seconds);
    printf("woke with %u left\n", left);
    return 3;
}
