/* A guest's use of the fixture's skeleton: every generated function, maps, programs, rodata. */
#include "fixture.wasm.h"
#include "fixture.skel.h"

int use_skeleton(void)
{
	struct fixture_bpf *skel = fixture_bpf__open();
	if (!skel)
		return 1;
	skel->rodata->ro_i = 42;
	skel->rodata->ro_inner.y = 7;
	skel->rodata->ro_bytes[2] = 9;
	if (fixture_bpf__load(skel) || fixture_bpf__attach(skel)) {
		fixture_bpf__destroy(skel);
		return 2;
	}
	int n = skel->maps.fx_hash != 0 && skel->maps.fx_ring != 0 && skel->maps.fx_perf != 0
		&& skel->maps.rodata != 0 && skel->progs.fx_first != 0 && skel->progs.fx_second != 0;
	struct fx_event ev = {0};
	ev.pid = n;
	fixture_bpf__detach(skel);
	fixture_bpf__destroy(skel);
	skel = fixture_bpf__open_and_load();
	fixture_bpf__destroy(skel);
	return ev.pid;
}
