/* Minimal stand-in for guest-sdk/c/libbpf-wasm.h: exactly the declarations docs/c-skeleton.md
 * promises to NAME.skel.h, so the skeleton is checked against the contract, not against one
 * implementation of it. */
#ifndef LIBBPF_WASM_STUB_H
#define LIBBPF_WASM_STUB_H
#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <errno.h>

typedef uint64_t bpf_object_skel;

struct bpf_map {
	bpf_object_skel obj_ptr;
	char name[64];
	uint32_t type;
	uint32_t max_entries;
	uint32_t key_size;
	uint32_t value_size;
};

struct bpf_program {
	bpf_object_skel obj_ptr;
	char name[64];
	char attach_target[128];
	bool autoattach;
};

struct bpf_map_skeleton {
	const char *name;
	struct bpf_map **map;
	void **mmaped;
	uint32_t type, max_entries, key_size, value_size;
};

struct bpf_prog_skeleton {
	const char *name;
	struct bpf_program **prog;
};

struct bpf_object_skeleton {
	size_t sz;
	const char *name;
	void *data;
	size_t data_sz;
	size_t rodata_offset;
	size_t bss_offset;
	bpf_object_skel obj;
	int map_cnt;
	int map_skel_sz;
	struct bpf_map_skeleton *maps;
	int prog_cnt;
	int prog_skel_sz;
	struct bpf_prog_skeleton *progs;
};

struct bpf_object_open_opts;

static int bpf_object__open_skeleton(struct bpf_object_skeleton *s, const struct bpf_object_open_opts *opts)
{
	(void)opts;
	return s ? 0 : -1;
}

static int bpf_object__load_skeleton(struct bpf_object_skeleton *s)
{
	return s ? 0 : -1;
}

static int bpf_object__attach_skeleton(struct bpf_object_skeleton *s)
{
	return s ? 0 : -1;
}

static void bpf_object__detach_skeleton(struct bpf_object_skeleton *s)
{
	(void)s;
}

static void bpf_object__destroy_skeleton(struct bpf_object_skeleton *s)
{
	free(s);
}
#endif
