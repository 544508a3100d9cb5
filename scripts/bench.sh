#!/usr/bin/env bash
# Builds and runs the benchmarks (bench/) against native libbpf and rewrites docs/benchmarks.md
# and docs/benchmarks-cpu.png. Options after the script's own go to the harness (BenchMain):
#   --quick             fewer events and runs, for development
#   --events N          getppid() calls per event run (default 2000000)
#   --reps N            runs per event consumer (default 3)
#   --startup-reps N    start-up runs per variant (default 10)
#   --out FILE          write the report elsewhere
# Own option: --no-build skips the Maven build (uses the jars and modules already in target/).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
PROG=bench.sh
die() { echo "$PROG: $*" >&2; exit 1; }

BUILD=1
ARGS=()
for a in "$@"; do
  case "$a" in
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) ARGS+=("$a") ;;
  esac
done

"$ROOT/scripts/setup.sh"
cd "$ROOT"
if [ $BUILD -eq 1 ]; then
  echo "$PROG: building the host, the examples and the harness (mvn install -DskipTests)" >&2
  mvn -B -q -DskipTests install -pl bench,examples-c,examples-java/bootstrap -am \
    || die "the Maven build failed"
fi
JAR=$ROOT/host-runtime/cli/target/wasm-bpf.jar
BENCH_JAR=$(ls "$ROOT"/bench/target/bench-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1 || true)
[ -f "$JAR" ] || die "$JAR is missing: run without --no-build"
[ -n "$BENCH_JAR" ] || die "bench/target/bench-*.jar is missing: run without --no-build"

OUT=$ROOT/bench/target/c
SRC=$ROOT/bench/c
mkdir -p "$OUT/native-bootstrap"
echo "$PROG: building the C guest, the native consumers and the load generator" >&2
WASM_CFLAGS="-Wall -Wextra -Werror" BPF_CFLAGS="-Wall -Werror" \
  "$ROOT/scripts/build-c-guest" --out "$OUT/guest" "$SRC/evbench.bpf.c" "$SRC/evbench_guest.c" >&2 \
  || die "building the C bench guest failed"
# The native consumer uses the very object the guest embeds.
bpftool gen skeleton "$OUT/guest/evbench.bpf.o" name evbench_bpf >"$OUT/evbench.native.skel.h" \
  || die "bpftool gen skeleton on evbench.bpf.o failed"
clang -O2 -Wall -Werror -I "$OUT" -I "$SRC" "$SRC/evbench_native.c" -lbpf -o "$OUT/evbench_native" \
  || die "compiling evbench_native failed"
BPF_CFLAGS="-Wall -Werror" "$ROOT/examples-java/scripts/build-bpf-object" --out "$OUT/native-bootstrap" \
  "$ROOT/examples-c/bootstrap/bootstrap.bpf.c" >&2 || die "building bootstrap.bpf.o failed"
bpftool gen skeleton "$OUT/native-bootstrap/bootstrap.bpf.o" name bootstrap_bpf \
  >"$OUT/native-bootstrap/bootstrap.native.skel.h" || die "bpftool gen skeleton on bootstrap.bpf.o failed"
clang -O2 -Wall -Werror -I "$OUT/native-bootstrap" -I "$ROOT/examples-c/bootstrap" "$SRC/bootstrap_native.c" \
  -lbpf -o "$OUT/bootstrap_native" || die "compiling bootstrap_native failed"
clang -O2 -Wall -Werror "$SRC/loadgen.c" -o "$OUT/loadgen" || die "compiling loadgen failed"

echo "$PROG: building the Java bench guest (TeaVM)" >&2
rm -f "$ROOT/bench/target/java-guest/evbench.wasm"
if ! mvn -B -q -f "$ROOT/bench/java-guest/pom.xml" package >&2; then
  echo "$PROG: warning: the Java bench guest did not build; its consumers are left out of the report" >&2
fi

# JVM consumers start through ./wasm-bpf, which picks its own JDK; the harness runs on the default one.
LAUNCHER_JAVA=$(WASM_BPF_PRINT_JAVA=1 "$ROOT/wasm-bpf" | head -1)
JAVA_VERSION="guests on $("$LAUNCHER_JAVA" -version 2>&1 | head -1) (the launcher's choice)"
MACHINE="$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')), kernel $(uname -r), $JAVA_VERSION, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "$PROG: running the benchmarks" >&2
exec java -cp "$BENCH_JAR:$JAR" org.wasmbpf.bench.BenchMain --repo "$ROOT" --machine "$MACHINE" "${ARGS[@]}"
