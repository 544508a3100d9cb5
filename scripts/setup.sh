#!/usr/bin/env bash
# Prepares a Debian 12 machine for building and running wasm-bpf for the JVM.
# Idempotent: installs only missing packages and mounts tracefs only if it is not mounted.
set -euo pipefail

PACKAGES=(clang lld llvm libbpf-dev bpftool wasi-libc libclang-rt-dev-wasm32 binaryen wabt maven openjdk-17-jdk-headless
  docker-registry skopeo apache2-utils   # the registry tests (docs/distribution.md): a registry, an independent client, htpasswd
  prometheus)                            # ServePrometheusTest scrapes wasm-bpf serve with a real one

die() { echo "setup: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (eBPF needs CAP_BPF/CAP_SYS_ADMIN, packages need apt)"

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || die "apt-get update failed"
  # Without systemd, invoke-rc.d would start packaged services (prometheus) through their init
  # scripts; a machine for builds and tests wants none of them running: tests start their own.
  policy=/usr/sbin/policy-rc.d
  own_policy=
  if [ ! -d /run/systemd/system ] && [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy" && own_policy=1
  fi
  apt-get install -y -qq "${missing[@]}" >/dev/null || { [ -z "$own_policy" ] || rm -f "$policy"; die "apt-get install ${missing[*]} failed"; }
  [ -z "$own_policy" ] || rm -f "$policy"
fi

# Debian's docker-registry package starts a registry on :5000 for the whole machine when it is
# installed. The tests start their own on free loopback ports and need none: stop the one this
# install started (a registry the machine ran before is left alone).
if [[ " ${missing[*]} " == *" docker-registry "* ]]; then
  if [ -d /run/systemd/system ]; then
    systemctl disable --now docker-registry >/dev/null 2>&1 || true
  else
    service docker-registry stop >/dev/null 2>&1 || true
    update-rc.d docker-registry disable >/dev/null 2>&1 || true
  fi
fi

[ -r /sys/kernel/btf/vmlinux ] || die "/sys/kernel/btf/vmlinux is missing: the kernel has no BTF (CONFIG_DEBUG_INFO_BTF), CO-RE cannot work"

TRACEFS=/sys/kernel/tracing
if ! mountpoint -q "$TRACEFS" 2>/dev/null; then
  mount -t tracefs nodev "$TRACEFS" 2>/dev/null \
    || die "tracefs is not mounted at $TRACEFS and 'mount -t tracefs nodev $TRACEFS' failed: tracepoints cannot attach"
fi
# libbpf also looks for the legacy debugfs location on older versions.
if [ -d /sys/kernel/debug ] && ! mountpoint -q /sys/kernel/debug 2>/dev/null; then
  mount -t debugfs nodev /sys/kernel/debug 2>/dev/null || true
fi
