/* Imports two functions no host provides. */
#include <stdio.h>
__attribute__((import_module("env"), import_name("mystery"))) int mystery(int);
__attribute__((import_module("wasm_bpf"), import_name("wasm_no_such_thing"))) int no_such_thing(void);
int main(void) { return mystery(1) + no_such_thing(); }
