#!/usr/bin/env bash
# Sets the machine up and runs every test: unit tests and the real-kernel integration tests.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
"$ROOT/scripts/setup.sh"
cd "$ROOT"
exec mvn -B install
