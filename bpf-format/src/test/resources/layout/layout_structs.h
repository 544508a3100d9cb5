/* Layout probe fixture: declarations shared by layout_fixture.bpf.c and the probes, which
 * compile them for -target bpf and for wasm32. Plain C only (no kernel or libc headers), so the
 * same text compiles for both targets. Names carry "fx_" so the kernel's BTF defines none. */
#ifndef LAYOUT_STRUCTS_H
#define LAYOUT_STRUCTS_H

typedef unsigned int fx_u32;
typedef fx_u32 fx_count_t;                 /* typedef chain */
typedef const volatile fx_count_t fx_cv_count_t;

enum fx_color { FX_RED, FX_GREEN = 5, FX_BLUE };                  /* 4 bytes */
enum fx_big { FX_BIG_A = 1, FX_BIG_B = 0x100000000LL, FX_NEG = -2 }; /* 8 bytes */

/* char/short/int/long/long long with gaps before each wider member */
struct fx_mixed {
	char c;
	short s;
	char c2;
	int i;
	char c3;
	long l;
	char c4;
	long long ll;
	char tail;
};

struct fx_pointers {
	char tag;
	void *p;
	struct fx_mixed *m;
	int small;
	const char *str;
	long longs[2];
	void (*fn)(int);
};

/* several bitfields, some crossing byte boundaries, of several declared types */
struct fx_bits {
	unsigned int a : 3;
	unsigned int b : 7;
	unsigned int c : 12;
	unsigned char d : 5;
	unsigned short e : 9;
	int f : 4;
	long long g : 33;
	enum fx_color col : 4;
	_Bool flag : 1;
	char after;
	unsigned long long h : 61;
	short last;
};

union fx_value {
	int i;
	long l;
	double d;
	char bytes[3];
	struct fx_mixed m;
};

struct fx_inner {
	short x;
	long y;
};

/* nested struct and union by value, and an array of structs */
struct fx_outer {
	char flag;
	struct fx_inner in;
	union fx_value v;
	struct fx_inner pair[2];
	int end;
};

/* anonymous nested struct/union members, and a named member of anonymous type */
struct fx_anon {
	int kind;
	union {
		int as_int;
		long as_long;
		struct {
			char a;
			long b;
		};
	};
	struct {
		short s1;
		long s2;
	} named;
	char last;
};

struct fx_arrays {
	char a1[3];
	int m2[2][3];
	long l2[2][2];
	short s;
	void *ptrs[3];
	char grid[3][5];
};

struct fx_enums {
	char c;
	enum fx_color col;
	char c2;
	enum fx_big big;
	_Bool ok;
	enum fx_color cols[3];
};

struct fx_typedefs {
	fx_count_t a;
	fx_cv_count_t b;
	char c;
	fx_count_t arr[2];
	const volatile long cvl;
};

struct fx_packed {
	char c;
	int i;
	long l;
} __attribute__((packed));

/* like a ring buffer record */
struct fx_event {
	int pid;
	unsigned long long ts;
	char comm[16];
	_Bool exited;
};

#endif
