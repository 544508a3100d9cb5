/* Prints "spinning", then loops forever without calls: the loop is closed by br_if. */
#include <stdio.h>
volatile unsigned x = 1;
int main(void) {
    printf("spinning\n");
    fflush(stdout);
    while (x != 0) {
        x = x * 3 + 1;
        if (x == 7)
            x = 5;
    }
    return 0;
}
