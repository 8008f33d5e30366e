#!/usr/bin/env bash
# Installs what is missing, builds the ci preset (-Werror) and runs every test (not benchmarks).
set -euo pipefail
cd "$(dirname "$0")"
packaging/install-deps.sh
cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci --parallel 2
