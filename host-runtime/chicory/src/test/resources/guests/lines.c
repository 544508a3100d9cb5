/* Prints COUNT lines, sleeping MS milliseconds (poll_oneoff) after each: "line N". */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
int main(int argc, char **argv) {
    int count = argc > 1 ? atoi(argv[1]) : 3;
    int ms = argc > 2 ? atoi(argv[2]) : 200;
    for (int i = 1; i <= count; i++) {
        printf("line %d\n", i);
        struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    }
    fprintf(stderr, "done\n");
    return 0;
}
