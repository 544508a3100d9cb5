/* huge_function: prints a hash made by a function too large for one JVM method, which Chicory's
   compiler leaves to its interpreter. Unoptimised (optnone), so that each step stays in the code
   and clang, which optimises such a function slowly, builds it in a few seconds. */
#include <stdio.h>
#define STEP(k) h = (h ^ (h >> 7)) * 16777619u + (k);
#define S10(k) STEP(k) STEP(k + 1) STEP(k + 2) STEP(k + 3) STEP(k + 4) \
    STEP(k + 5) STEP(k + 6) STEP(k + 7) STEP(k + 8) STEP(k + 9)
#define S100(k) S10(k) S10(k + 10) S10(k + 20) S10(k + 30) S10(k + 40) \
    S10(k + 50) S10(k + 60) S10(k + 70) S10(k + 80) S10(k + 90)
#define S1000(k) S100(k) S100(k + 100) S100(k + 200) S100(k + 300) S100(k + 400) \
    S100(k + 500) S100(k + 600) S100(k + 700) S100(k + 800) S100(k + 900)
__attribute__((noinline, optnone)) unsigned huge(unsigned h) {
    S1000(0) S1000(1000) S1000(2000)
    return h;
}
int main(void) {
    printf("hash %u\n", huge(1));
    return 0;
}
