/* libbpf-wasm.h: the libbpf-like API a C guest of wasm-bpf programs against.
 *
 * A guest includes NAME.wasm.h and NAME.skel.h (written by skeleton-gen), which include this
 * header. Everything here is static, so a guest is one translation unit and needs no library.
 * The contract with the host is the wasm-bpf ABI (six imports from module "wasm_bpf"); the
 * skeleton structs follow docs/c-skeleton.md.
 *
 * Error convention, as in libbpf 1.x: functions that return int return 0 (or a count) on
 * success and a negative errno on failure, and also set errno; functions that return a pointer
 * return NULL and set errno.
 */
#ifndef __LIBBPF_WASM_H
#define __LIBBPF_WASM_H

/* Guests written for the existing wasm-bpf SDK use these without including them. */
#include <assert.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- the host interface ------------------------------------------------------------------ */

/* Opaque handle the host made for a loaded object; 0 means none. */
typedef uint64_t bpf_object_skel;

#define __WASM_BPF_IMPORT(n) __attribute__((import_module("wasm_bpf"), import_name(n)))

__WASM_BPF_IMPORT("wasm_load_bpf_object")
bpf_object_skel wasm_load_bpf_object(const void *obj_buf, int obj_buf_sz);

__WASM_BPF_IMPORT("wasm_attach_bpf_program")
int wasm_attach_bpf_program(bpf_object_skel obj, const char *name, const char *attach_target);

__WASM_BPF_IMPORT("wasm_bpf_map_fd_by_name")
int wasm_bpf_map_fd_by_name(bpf_object_skel obj, const char *name);

__WASM_BPF_IMPORT("wasm_bpf_map_operate")
int wasm_bpf_map_operate(int fd, int cmd, void *key, void *value, void *next_key, uint64_t flags);

/* sample_func is an index into __indirect_function_table: on wasm32 that is what a C
 * function pointer is, so the guest must be linked with --export-table. ctx is the callback's
 * first argument, a guest pointer passed as an integer as in the existing SDK. */
__WASM_BPF_IMPORT("wasm_bpf_buffer_poll")
int wasm_bpf_buffer_poll(bpf_object_skel obj, int fd, int32_t sample_func, uint32_t ctx, void *data,
                         int max_size, int timeout_ms);

__WASM_BPF_IMPORT("wasm_close_bpf_object")
int wasm_close_bpf_object(bpf_object_skel obj);

#undef __WASM_BPF_IMPORT

/* ---- kernel constants the guest side needs ----------------------------------------------- */

enum {
	BPF_ANY = 0,     /* create or update */
	BPF_NOEXIST = 1, /* create only */
	BPF_EXIST = 2,   /* update only */
	BPF_F_LOCK = 4,
};

/* Only the map commands the host accepts; the numbers are the kernel's. */
enum bpf_cmd {
	BPF_MAP_LOOKUP_ELEM = 1,
	BPF_MAP_UPDATE_ELEM = 2,
	BPF_MAP_DELETE_ELEM = 3,
	BPF_MAP_GET_NEXT_KEY = 4,
};

enum bpf_map_type { /* the kernel's numbering, in order from 0 */
	BPF_MAP_TYPE_UNSPEC, BPF_MAP_TYPE_HASH, BPF_MAP_TYPE_ARRAY, BPF_MAP_TYPE_PROG_ARRAY,
	BPF_MAP_TYPE_PERF_EVENT_ARRAY, BPF_MAP_TYPE_PERCPU_HASH, BPF_MAP_TYPE_PERCPU_ARRAY,
	BPF_MAP_TYPE_STACK_TRACE, BPF_MAP_TYPE_CGROUP_ARRAY, BPF_MAP_TYPE_LRU_HASH,
	BPF_MAP_TYPE_LRU_PERCPU_HASH, BPF_MAP_TYPE_LPM_TRIE, BPF_MAP_TYPE_ARRAY_OF_MAPS,
	BPF_MAP_TYPE_HASH_OF_MAPS, BPF_MAP_TYPE_DEVMAP, BPF_MAP_TYPE_SOCKMAP, BPF_MAP_TYPE_CPUMAP,
	BPF_MAP_TYPE_XSKMAP, BPF_MAP_TYPE_SOCKHASH, BPF_MAP_TYPE_CGROUP_STORAGE,
	BPF_MAP_TYPE_REUSEPORT_SOCKARRAY, BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE, BPF_MAP_TYPE_QUEUE,
	BPF_MAP_TYPE_STACK, BPF_MAP_TYPE_SK_STORAGE, BPF_MAP_TYPE_DEVMAP_HASH,
	BPF_MAP_TYPE_STRUCT_OPS, BPF_MAP_TYPE_RINGBUF, BPF_MAP_TYPE_INODE_STORAGE,
	BPF_MAP_TYPE_TASK_STORAGE, BPF_MAP_TYPE_BLOOM_FILTER, BPF_MAP_TYPE_USER_RINGBUF,
	BPF_MAP_TYPE_CGRP_STORAGE,
};

/* ---- skeleton structures (docs/c-skeleton.md) -------------------------------------------- */

struct bpf_map {
	bpf_object_skel obj_ptr;
	char name[64];
	uint32_t type;        /* BPF_MAP_TYPE_*, 0 when unknown */
	uint32_t max_entries; /* 0 when unknown */
	uint32_t key_size;    /* 0 when unknown */
	uint32_t value_size;  /* 0 when unknown */
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

/* Accepted for source compatibility with libbpf; the host takes no open options. */
struct bpf_object_open_opts;

static inline int __wasm_bpf_err(int err)
{
	if (err < 0)
		errno = -err;
	return err;
}

/* Skeletons made by older generators have smaller entries: walk by the recorded size and
 * read the fields they lack as "unknown". */
static inline struct bpf_map_skeleton *__wasm_bpf_map_skel(const struct bpf_object_skeleton *s, int i)
{
	return (struct bpf_map_skeleton *)((char *)s->maps + (size_t)i * s->map_skel_sz);
}

static inline struct bpf_prog_skeleton *__wasm_bpf_prog_skel(const struct bpf_object_skeleton *s, int i)
{
	return (struct bpf_prog_skeleton *)((char *)s->progs + (size_t)i * s->prog_skel_sz);
}

static inline bool __wasm_bpf_is_rodata(const char *name)
{
	size_t n = strlen(name);
	return n >= 6 && strcmp(name + n - 6, "rodata") == 0;
}

static inline void __wasm_bpf_copy_name(char *dst, size_t cap, const char *src)
{
	strncpy(dst, src, cap - 1);
	dst[cap - 1] = '\0';
}

static inline int bpf_object__open_skeleton(struct bpf_object_skeleton *s,
                                     const struct bpf_object_open_opts *opts)
{
	(void)opts;
	if (!s || !s->data || !s->data_sz)
		return __wasm_bpf_err(-EINVAL);
	for (int i = 0; i < s->map_cnt; i++) {
		struct bpf_map_skeleton *ms = __wasm_bpf_map_skel(s, i);
		struct bpf_map *m = calloc(1, sizeof(*m));
		if (!m)
			return __wasm_bpf_err(-ENOMEM);
		*ms->map = m;
		__wasm_bpf_copy_name(m->name, sizeof(m->name), ms->name);
		if ((size_t)s->map_skel_sz >= sizeof(struct bpf_map_skeleton)) {
			m->type = ms->type;
			m->max_entries = ms->max_entries;
			m->key_size = ms->key_size;
			m->value_size = ms->value_size;
		}
		/* Writes through rodata patch the embedded ELF, so the host loads the new values. */
		if (ms->mmaped && s->rodata_offset && __wasm_bpf_is_rodata(ms->name))
			*ms->mmaped = (char *)s->data + s->rodata_offset;
	}
	for (int i = 0; i < s->prog_cnt; i++) {
		struct bpf_prog_skeleton *ps = __wasm_bpf_prog_skel(s, i);
		struct bpf_program *p = calloc(1, sizeof(*p));
		if (!p)
			return __wasm_bpf_err(-ENOMEM);
		*ps->prog = p;
		__wasm_bpf_copy_name(p->name, sizeof(p->name), ps->name);
		p->autoattach = true;
	}
	return 0;
}

/* Returns 0, or -1 with errno set: the host reports only "failed" (0), and says why on its
 * own log. */
static inline int bpf_object__load_skeleton(struct bpf_object_skeleton *s)
{
	if (!s || !s->data || !s->data_sz) {
		errno = EINVAL;
		return -1;
	}
	s->obj = wasm_load_bpf_object(s->data, (int)s->data_sz);
	if (!s->obj) {
		errno = EINVAL;
		return -1;
	}
	for (int i = 0; i < s->map_cnt; i++) {
		struct bpf_map *m = *__wasm_bpf_map_skel(s, i)->map;
		if (m)
			m->obj_ptr = s->obj;
	}
	for (int i = 0; i < s->prog_cnt; i++) {
		struct bpf_program *p = *__wasm_bpf_prog_skel(s, i)->prog;
		if (p)
			p->obj_ptr = s->obj;
	}
	return 0;
}

/* Attaches every auto-attach program; stops at and returns the first error. */
static inline int bpf_object__attach_skeleton(struct bpf_object_skeleton *s)
{
	if (!s || !s->obj)
		return __wasm_bpf_err(-EINVAL);
	for (int i = 0; i < s->prog_cnt; i++) {
		struct bpf_program *p = *__wasm_bpf_prog_skel(s, i)->prog;
		if (!p || !p->autoattach)
			continue;
		int err = wasm_attach_bpf_program(s->obj, p->name, p->attach_target);
		if (err)
			return __wasm_bpf_err(err < 0 ? err : -EINVAL);
	}
	return 0;
}

/* The host detaches only as a whole, when the object is closed (destroy). */
static inline void bpf_object__detach_skeleton(struct bpf_object_skeleton *s)
{
	(void)s;
}

static inline void bpf_object__destroy_skeleton(struct bpf_object_skeleton *s)
{
	if (!s)
		return;
	if (s->obj)
		wasm_close_bpf_object(s->obj);
	s->obj = 0;
	for (int i = 0; s->maps && i < s->map_cnt; i++) {
		struct bpf_map_skeleton *ms = __wasm_bpf_map_skel(s, i);
		if (ms->map) {
			free(*ms->map);
			*ms->map = NULL;
		}
	}
	for (int i = 0; s->progs && i < s->prog_cnt; i++) {
		struct bpf_prog_skeleton *ps = __wasm_bpf_prog_skel(s, i);
		if (ps->prog) {
			free(*ps->prog);
			*ps->prog = NULL;
		}
	}
	free(s->maps);
	free(s->progs);
	free(s);
}

/* ---- programs ---------------------------------------------------------------------------- */

/* The host loads every program of an object; a program with autoload off is loaded but
 * never attached by the skeleton. */
static inline int bpf_program__set_autoload(struct bpf_program *prog, bool autoload)
{
	if (!prog)
		return __wasm_bpf_err(-EINVAL);
	prog->autoattach = autoload;
	return 0;
}

static inline void bpf_program__set_autoattach(struct bpf_program *prog, bool autoattach)
{
	bpf_program__set_autoload(prog, autoattach);
}

/* The target handed to the host at attach: a cgroup path for sockops, an interface name for
 * xdp. attach_prog_fd is libbpf's and must be 0 here. */
static inline int bpf_program__set_attach_target(struct bpf_program *prog, int attach_prog_fd,
                                          const char *target)
{
	if (!prog || attach_prog_fd != 0)
		return __wasm_bpf_err(-EINVAL);
	if (!target)
		target = "";
	if (strlen(target) >= sizeof(prog->attach_target))
		return __wasm_bpf_err(-ENAMETOOLONG);
	strcpy(prog->attach_target, target);
	return 0;
}

/* The existing SDK's name for the same thing. */
static inline void bpf_set_prog_attach_target(struct bpf_program *prog, char *target)
{
	bpf_program__set_attach_target(prog, 0, target);
}

/* ---- maps -------------------------------------------------------------------------------- */

static inline int bpf_map__fd(const struct bpf_map *map)
{
	if (!map)
		return __wasm_bpf_err(-EINVAL);
	return __wasm_bpf_err(wasm_bpf_map_fd_by_name(map->obj_ptr, map->name));
}

static inline int bpf_map_lookup_elem_flags(int fd, const void *key, void *value, uint64_t flags)
{
	return __wasm_bpf_err(wasm_bpf_map_operate(fd, BPF_MAP_LOOKUP_ELEM, (void *)key, value,
	                                           NULL, flags));
}

static inline int bpf_map_lookup_elem(int fd, const void *key, void *value)
{
	return bpf_map_lookup_elem_flags(fd, key, value, 0);
}

static inline int bpf_map_update_elem(int fd, const void *key, const void *value, uint64_t flags)
{
	return __wasm_bpf_err(wasm_bpf_map_operate(fd, BPF_MAP_UPDATE_ELEM, (void *)key,
	                                           (void *)value, NULL, flags));
}

static inline int bpf_map_delete_elem_flags(int fd, const void *key, uint64_t flags)
{
	return __wasm_bpf_err(wasm_bpf_map_operate(fd, BPF_MAP_DELETE_ELEM, (void *)key, NULL,
	                                           NULL, flags));
}

static inline int bpf_map_delete_elem(int fd, const void *key)
{
	return bpf_map_delete_elem_flags(fd, key, 0);
}

/* A key that is not in the map (or NULL) yields the first key; -ENOENT after the last. */
static inline int bpf_map_get_next_key(int fd, const void *key, void *next_key)
{
	return __wasm_bpf_err(wasm_bpf_map_operate(fd, BPF_MAP_GET_NEXT_KEY, (void *)key, NULL,
	                                           next_key, 0));
}

/* ---- ring and perf buffers --------------------------------------------------------------- */

typedef int (*bpf_buffer_sample_fn)(void *ctx, void *data, size_t size);

struct bpf_buffer {
	struct bpf_map *events;
	int fd;
	bpf_buffer_sample_fn sample_fn;
	void *ctx;
	void *data;      /* where the host copies each sample before the callback */
	size_t data_sz;
};

/* A perf sample's size is a 16-bit field, so 64 KiB holds any; other maps get the same. */
#define WASM_BPF_DEFAULT_SAMPLE_MAX (64 * 1024)

/* The largest sample the map can carry: a ring buffer record never exceeds the ring. */
static inline size_t __wasm_bpf_sample_max(const struct bpf_map *map)
{
	if (map->type == BPF_MAP_TYPE_RINGBUF && map->max_entries > 0)
		return map->max_entries;
	return WASM_BPF_DEFAULT_SAMPLE_MAX;
}

static inline struct bpf_buffer *bpf_buffer__open(struct bpf_map *events, bpf_buffer_sample_fn sample_cb,
                                           void *ctx)
{
	if (!events || !sample_cb) {
		errno = EINVAL;
		return NULL;
	}
	int fd = bpf_map__fd(events);
	if (fd < 0)
		return NULL;
	struct bpf_buffer *b = calloc(1, sizeof(*b));
	if (!b) {
		errno = ENOMEM;
		return NULL;
	}
	b->data_sz = __wasm_bpf_sample_max(events);
	b->data = malloc(b->data_sz);
	if (!b->data) {
		free(b);
		errno = ENOMEM;
		return NULL;
	}
	b->events = events;
	b->fd = fd;
	b->sample_fn = sample_cb;
	b->ctx = ctx;
	return b;
}

/* What bpf_buffer__poll waits when asked for 0 ms or less, as in the existing SDK. */
#define WASM_BPF_POLL_DEFAULT_TIMEOUT_MS 100

static inline int __wasm_bpf_buffer_poll(struct bpf_buffer *b, int timeout_ms)
{
	if (!b)
		return __wasm_bpf_err(-EINVAL);
	return __wasm_bpf_err(wasm_bpf_buffer_poll(b->events->obj_ptr, b->fd,
	                                           (int32_t)(intptr_t)b->sample_fn,
	                                           (uint32_t)(uintptr_t)b->ctx, b->data,
	                                           (int)b->data_sz, timeout_ms));
}

/* Waits up to timeout_ms, then calls the callback once per available sample. Returns the
 * number of samples, the callback's non-zero result, or a negative errno (-EINTR: the host
 * is stopping the run). A timeout of 0 or less waits WASM_BPF_POLL_DEFAULT_TIMEOUT_MS, as the
 * existing SDK does: guests written for it call bpf_buffer__poll(b, 0) in a loop and would spin
 * a core if it returned at once. bpf_buffer__consume does not wait. */
static inline int bpf_buffer__poll(struct bpf_buffer *b, int timeout_ms)
{
	return __wasm_bpf_buffer_poll(b, timeout_ms > 0 ? timeout_ms : WASM_BPF_POLL_DEFAULT_TIMEOUT_MS);
}

/* As libbpf's ring_buffer__consume: the samples available now, without waiting. */
static inline int bpf_buffer__consume(struct bpf_buffer *b)
{
	return __wasm_bpf_buffer_poll(b, 0);
}

static inline void bpf_buffer__free(struct bpf_buffer *b)
{
	if (!b)
		return;
	free(b->data);
	free(b);
}

#endif /* __LIBBPF_WASM_H */
