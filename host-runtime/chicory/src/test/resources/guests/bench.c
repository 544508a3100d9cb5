/* A CPU-bound loop for measurements: bench [N]; prints a checksum. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
__attribute__((noinline)) static uint32_t mix(uint32_t h, uint32_t v) {
    h ^= v;
    h *= 0x01000193u;
    return h;
}
int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000000L;
    uint32_t h = 0x811c9dc5u;
    static uint32_t table[4096];
    for (long i = 0; i < n; i++) {
        uint32_t *slot = &table[i & 4095];
        *slot = mix(*slot + (uint32_t)i, h);
        h = mix(h, *slot >> 3);
    }
    printf("checksum %u after %ld iterations\n", h, n);
    return 0;
}
