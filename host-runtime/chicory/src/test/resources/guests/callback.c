/* Calls the host import test.call_back(fn, ctx), which calls fn back through the function table
 * with (ctx, data, size). "callback wrong" passes a function of another type. */
#include <stdio.h>
#include <string.h>
__attribute__((import_module("test"), import_name("call_back"))) int call_back(int fn, int ctx);
static char buffer[64];
__attribute__((noinline)) static int on_sample(void *ctx, void *data, int size) {
    printf("on_sample ctx=%d size=%d data=%s\n", (int)(long)ctx, size, (char *)data);
    return (int)(long)ctx + size;
}
__attribute__((noinline)) static long long not_a_callback(long long x) { return x + 1; }
int main(int argc, char **argv) {
    strcpy(buffer, "from the guest");
    int fn = argc > 1 && strcmp(argv[1], "wrong") == 0 ? (int)(long)&not_a_callback : (int)(long)&on_sample;
    int result = call_back(fn, 42);
    printf("call_back returned %d\n", result);
    return 0;
}
